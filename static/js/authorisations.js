// Vollmacht form: show the § 6 RDG notice (and its confirmation) only while "Widerspruch einlegen"
// is ticked. Without JavaScript the notice is always visible, which is fine.
(function () {
  "use strict";
  var objection = document.querySelector('input[name="scopes"][value="objection"]');
  var notice = document.getElementById("div_id_rdg_acknowledged");
  if (!objection || !notice) { return; }
  function update() {
    notice.hidden = !objection.checked;
  }
  objection.addEventListener("change", update);
  update();
})();
