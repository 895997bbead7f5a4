// "Salin rekap": copies the text of the element named by a button's data-copy (a readonly
// <textarea>) to the clipboard. The button is hidden in the HTML and shown here, so a browser
// without script sees only the selectable text. No inline handlers (CSP).
(function () {
  "use strict";

  function status(button, text) {
    var box = button.parentNode.querySelector(".share__status");
    if (box) {
      box.textContent = text;
    }
  }

  function fallback(source) {
    // Older browsers and plain-http intranet addresses have no navigator.clipboard.
    var details = source.closest("details");
    if (details) {
      details.open = true;
    }
    source.focus();
    source.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function init() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.querySelector(button.getAttribute("data-copy"));
      if (!source || button.dataset.copyReady) {
        return;
      }
      button.dataset.copyReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = function () { status(button, button.getAttribute("data-copied")); };
        var failed = function () {
          if (fallback(source)) {
            done();
          } else {
            status(button, button.getAttribute("data-copy-failed"));
          }
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(source.value).then(done, failed);
        } else {
          failed();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // The dashboard's figures re-render on a live change: wire the new button too.
  document.addEventListener("htmx:afterSettle", init);
})();
