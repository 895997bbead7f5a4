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
// Failed requests: a message where the action was (see "A failed request must be visible").
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

  // The list address a panel was opened from, restored when the panel closes (the panel
  // pushes /documents/<id>/ so it can be bookmarked and sent).
  var listUrl = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    // The target may be inherited (the checklist's table sets it for its row links).
    var target = event.detail && event.detail.target;
    if (target && target.id === "panel-body" &&
        location.pathname.indexOf("/documents/") !== 0) {
      listUrl = location.href;
    }
  });
  document.addEventListener("close", function (event) {
    if (event.target.id === "panel" && listUrl && location.pathname.indexOf("/documents/") === 0) {
      history.replaceState(history.state, "", listUrl);
    }
  }, true);

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var dialog = target && target.closest ? target.closest("dialog") : null;
    if (dialog && dialog.isConnected && !dialog.open && !closing) {
      dialog.showModal();
    }
    // After an action in the panel, keep keyboard and screen-reader users in the panel:
    // focus the outcome message, or the document title.
    // An outerHTML swap replaces the target: look for its successor by id.
    var swapped = target && target.id ? document.getElementById(target.id) || target : target;
    var panel = document.querySelector("dialog#panel[open] article.document") ||
      (swapped && swapped.closest ? swapped.closest("article.document") : null);
    if (panel && event.detail.requestConfig && event.detail.requestConfig.verb === "post") {
      var focusable = panel.querySelector(".message") || panel.querySelector("h2");
      if (focusable) {
        focusable.setAttribute("tabindex", "-1");
        focusable.focus();
      }
    }
  });

  // Live refresh (reports/live.py): if the open panel's document changed to a version the
  // panel does not show, say so in the panel instead of silently showing a stale state. The
  // user's own change re-rendered the panel at the new version, so it is not reported.
  document.addEventListener("scopeChanged", function () {
    var panel = document.querySelector("dialog#panel[open] article.document");
    var live = document.getElementById("live");
    if (!panel || !live || panel.querySelector(".panel-stale")) {
      return;
    }
    var id = panel.getAttribute("data-id");
    // The version shown lives on the status part: the user's own change replaces only that.
    var state = panel.querySelector(".panel-state");
    var shown = state && state.getAttribute("data-version");
    var changedElsewhere = (live.getAttribute("data-changed") || "").split(",").some(function (pair) {
      var parts = pair.split(":");
      return parts[0] === id && parts[1] !== shown;
    });
    if (!changedElsewhere) {
      return;
    }
    var note = document.createElement("p");
    note.className = "message message--error panel-stale";
    note.setAttribute("role", "alert");
    note.textContent = panel.getAttribute("data-stale-text");
    panel.insertBefore(note, panel.firstChild);
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

  // The queue's "show the next documents": the new rows take the place of the button's row.
  // Keep the place: focus the first new row, and tick the new rows when "select all" is on.
  var moreAnchor = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    moreAnchor = elt && elt.matches && elt.matches("[data-queue-more]") ?
      event.detail.target.previousElementSibling : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!moreAnchor) {
      return;
    }
    var first = moreAnchor.nextElementSibling;
    var form = moreAnchor.closest("form");
    moreAnchor = null;
    var all = form && form.querySelector("input[data-select-all]");
    if (all && all.checked) {
      for (var row = first; row; row = row.nextElementSibling) {
        var box = row.querySelector('input[type="checkbox"]');
        if (box) {
          box.checked = true;
        }
      }
      all.dispatchEvent(new Event("change", { bubbles: true }));  // the selected count
    }
    var focusable = first && first.querySelector("input, a");
    if (focusable) {
      focusable.focus();
    }
  });

  // A "select all" checkbox ticks every checkbox named by its data-select-all in the same form.
  document.addEventListener("change", function (event) {
    var all = event.target;
    if (!all.matches || !all.matches("input[data-select-all]")) {
      return;
    }
    var name = all.getAttribute("data-select-all");
    all.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });

  // A failed request must be visible (refusals that carry a fresh panel, 400 and 409, are
  // swapped in like any answer; see htmx-config in base.html). Anything else — 403, 404, 429,
  // 5xx, no network, a timeout — says so where the action was, in the words of base.html's
  // data-error-* attributes; htmx has already re-enabled the controls. A later success there
  // removes the note. The live poll retries on its own and stays silent.
  function errorText(event, network) {
    var texts = document.body.dataset;
    var status = network ? 0 : event.detail.xhr.status;
    if (network) { return texts.errorNetwork; }
    if (status === 403) { return texts.errorForbidden; }
    if (status === 404) { return texts.errorNotFound; }
    if (status === 429) { return texts.errorBusy; }
    if (status >= 500) { return texts.errorServer; }
    return texts.errorRequest;
  }

  function errorHost(elt) {
    var host = elt && elt.isConnected && elt.closest ?
      elt.closest("form, article.document, section, dialog") : null;
    return host || document.getElementById("messages");
  }

  function showError(event, network) {
    var elt = event.detail && event.detail.elt;
    if (!elt || elt.id === "live") {
      return;
    }
    var host = errorHost(elt);
    if (!host) {
      return;
    }
    var note = host.querySelector(".htmx-error") || document.createElement(host.id === "messages" ? "li" : "p");
    note.className = "message message--error htmx-error";
    note.setAttribute("role", "alert");
    note.textContent = errorText(event, network);
    host.insertBefore(note, host.firstChild);
  }

  document.addEventListener("htmx:responseError", function (event) { showError(event, false); });
  document.addEventListener("htmx:sendError", function (event) { showError(event, true); });
  document.addEventListener("htmx:timeout", function (event) { showError(event, true); });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (event.detail && event.detail.successful && elt && elt.isConnected) {
      var host = errorHost(elt);
      var note = host && host.querySelector(".htmx-error");
      if (note) { note.remove(); }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openDialogs().length) {
      closeAll();
    }
  });
})();
