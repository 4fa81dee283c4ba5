// Ember application UI: refreshes the page's content in place while the application runs, and sorts tables.
(function () {
  "use strict";
  var PERIOD_MS = 2000;

  function sortable(root) {
    root.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("thead th").forEach(function (th, column) {
        th.addEventListener("click", function () {
          var ascending = !th.classList.contains("sorted-asc");
          table.querySelectorAll("thead th").forEach(function (other) {
            other.classList.remove("sorted-asc", "sorted-desc");
          });
          th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows).filter(function (row) {
            return row.cells.length > column;
          });
          rows.sort(function (a, b) {
            var x = key(a.cells[column]), y = key(b.cells[column]);
            var order = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function key(cell) {
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? number : text;
  }

  function refresh(main) {
    var url = new URL(window.location.href);
    url.searchParams.set("fragment", "1");
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 10000);
    fetch(url.toString(), { credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var open = {};
        main.querySelectorAll("details[id], details.timeline").forEach(function (d, i) { open[i] = d.open; });
        main.innerHTML = html;
        main.querySelectorAll("details[id], details.timeline").forEach(function (d, i) {
          if (i in open) { d.open = open[i]; }
        });
        sortable(main);
      })
      .catch(function () { /* the driver may be gone; try again later */ })
      .finally(function () {
        clearTimeout(timer);
        var state = main.querySelector("p.updated");
        if (state && state.getAttribute("data-live") === "true") {
          setTimeout(function () { refresh(main); }, PERIOD_MS);
        }
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("content");
    if (!main) { return; }
    sortable(main);
    if (main.getAttribute("data-live") === "true") {
      setTimeout(function () { refresh(main); }, PERIOD_MS);
    }
  });
})();
