// MCSP Tracker: the little behaviour htmx does not give us. No framework, no inline handlers
// (the CSP forbids them). Loaded with `defer` after htmx.
//
// Dialogs (`<dialog class="panel">`, e.g. the shared `#panel` in base.html):
// - content swapped into a dialog by htmx opens it (as a modal, so Esc and focus work natively);
// - the `closePanel` event (a view sends `HX-Trigger: closePanel`) closes every open dialog;
// - Escape closes an open dialog even if it was opened non-modally;
// - a `<form method="dialog">` button inside closes it without any script.
// `hx-confirm` uses the browser's own confirm(); nothing to do here.
// Live polling: hidden tabs skip the `#live` poll (see below).
(function () {
  "use strict";

  function openDialogs() {
    return document.querySelectorAll("dialog[open]");
  }

  function closeAll() {
    openDialogs().forEach(function (dialog) {
      dialog.close();
    });
  }

  // htmx fires HX-Trigger events before it swaps the same response, synchronously; a response
  // that both closes the panel and swaps into it must not reopen it.
  var closing = false;

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var dialog = target && target.closest ? target.closest("dialog") : null;
    if (dialog && dialog.isConnected && !dialog.open && !closing) {
      dialog.showModal();
    }
  });

  document.addEventListener("closePanel", function () {
    closing = true;
    window.setTimeout(function () {
      closing = false;
    }, 0);
    closeAll();
  });

  // Live polling (reports/live.py): a hidden tab does not poll; when it is shown again it
  // asks at once instead of waiting for the next tick.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (document.hidden && elt && elt.id === "live") {
      event.preventDefault();
    }
  });
  document.addEventListener("visibilitychange", function () {
    var live = document.getElementById("live");
    if (!document.hidden && live && window.htmx) {
      window.htmx.trigger(live, "poll");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openDialogs().length) {
      closeAll();
    }
  });
})();
