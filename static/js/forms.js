// Forms that guide: after a failed submit the focus goes to the error summary, and its links
// move the focus into the field they name (with its label or group legend in view).
// Progressive enhancement only: without this file the summary is still first on the page and
// its links still jump to the fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var group = field.closest("fieldset");
    var label = document.querySelector("label[for='" + field.id + "']") || (group && group.querySelector("legend")) || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
