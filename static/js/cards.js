// Phone-first lists: every list table of a page becomes cards below 576 px (static/css/fazhi.css, .table-cards).
// Each cell is labelled with its column's heading here, once for all templates, and again after an htmx swap.
(function () {
  function label(root) {
    root.querySelectorAll("main table.table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (heads.length < 2) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.innerText.trim(); });
      table.classList.add("table-cards");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[i]);
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:afterSettle", function () { label(document); });
})();
