// Tables and lists: sortable columns and the queue's selection count. No framework; the CSP
// allows no inline handlers. Loaded with `defer`.
//
// Sorting: a `table[data-sortable]` whose header cells hold `button.sort[data-sort=num|text]`
// sorts its tbody rows by the cells' `data-value` (else their text). A second click reverses.
// The current order is announced with aria-sort on the <th>.
(function () {
  "use strict";

  function cellValue(row, index, kind) {
    var cell = row.children[index];
    var raw = cell ? (cell.getAttribute("data-value") || cell.textContent.trim()) : "";
    return kind === "num" ? parseFloat(raw) || 0 : raw.toLocaleLowerCase("id");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table[data-sortable] button.sort");
    if (!button) {
      return;
    }
    var th = button.closest("th");
    var table = th.closest("table");
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var kind = button.getAttribute("data-sort");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind);
      var y = cellValue(b, index, kind);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });

  // The queue's bulk bar says how many documents are selected (`[data-selected-count]` inside
  // the form counts its checked `input[name=versions]`).
  function updateCount(form) {
    var out = form.querySelector("[data-selected-count]");
    if (out) {
      out.textContent = form.querySelectorAll('input[name="versions"]:checked').length;
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.form && event.target.type === "checkbox") {
      // After app.js's select-all handler has ticked the boxes.
      window.setTimeout(function () { updateCount(event.target.form); }, 0);
    }
  });
})();
