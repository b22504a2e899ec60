// Work in progress ([data-progress], templates/fragments/progress.html): re-read this page every
// few seconds, move the bar, and reload once the work is done or has failed; a document made for
// this address ([data-progress-ready]) is announced in place of the bar and then opened. Without
// this file the page offers a reload link.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch || !window.DOMParser) {
    return;
  }
  var INTERVAL = 2000;

  function poll() {
    fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Progress-Poll": "1" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var ready = page.querySelector("[data-progress-ready]");
        if (ready) {
          // a document is there (wir_fallmanagement/documents.py): say so, then fetch it as a
          // download; the page stays with the notice and its link
          box.replaceChildren.apply(box, Array.prototype.map.call(ready.childNodes, function (node) {
            return document.importNode(node, true);
          }));
          window.location.assign(window.location.href);
          return;
        }
        var fresh = page.querySelector("[data-progress]");
        if (!fresh || fresh.getAttribute("data-progress") !== box.getAttribute("data-progress")) {
          window.location.reload();
          return;
        }
        var bar = box.querySelector("progress");
        var freshBar = fresh.querySelector("progress");
        if (bar && freshBar && freshBar.hasAttribute("value")) {
          bar.max = freshBar.max;
          bar.value = freshBar.value;
        }
        var text = box.querySelector("[data-progress-text]");
        var freshText = fresh.querySelector("[data-progress-text]");
        if (text && freshText) {
          text.textContent = freshText.textContent;
        }
        window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {
        window.setTimeout(poll, INTERVAL * 3);
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
