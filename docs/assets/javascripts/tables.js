// Sortable and filterable index tables, in the browser, without a server or a library.
(function () {
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) return x - y;
    // Quotation marks and other punctuation do not decide the order: "'We are going!'" sorts under W.
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base", ignorePunctuation: true });
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    each(headers, function (header, index) {
      header.setAttribute("tabindex", "0");
      if (!header.hasAttribute("aria-sort")) header.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        each(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  // Text as the filter compares it: lower case, apostrophes dropped, hyphens as spaces ("Chang'e-6" is "change 6").
  function plain(text) {
    return text.toLowerCase().replace(/['\u2019]/g, "").replace(/[-\u2010-\u2015]/g, " ").replace(/\s+/g, " ").trim();
  }

  // Whether an item has every chosen value: its data-<name> holds one value, or several separated by spaces; a choice
  // with data-column is matched against that cell's words instead, so the rows need not carry the value twice.
  function chosen(item, choices) {
    return Array.prototype.every.call(choices, function (choice) {
      if (!choice.value) return true;
      var column = choice.getAttribute("data-column");
      if (column !== null) {
        var cell = item.cells && item.cells[Number(column)];
        return !!cell && cell.textContent.trim() === choice.options[choice.selectedIndex].getAttribute("data-words");
      }
      return (item.getAttribute("data-" + choice.name) || "").split(" ").indexOf(choice.value) >= 0;
    });
  }

  function showCount(count, shown, all, noun) {
    if (count) count.textContent = (shown === all ? "" : shown + " of ") + all + " " + noun;
  }

  // Items show when their words hold the typed phrase and they have every chosen value (data-<name> on the item);
  // `after` then updates what depends on which are shown. The controls name their table or list by data-<attribute>.
  function makeFilter(input, attribute, container, items, noun, after) {
    var choices = document.querySelectorAll("select[" + attribute + "='" + container.id + "']");
    var count = document.querySelector(".la-count[" + attribute + "='" + container.id + "']");
    // Each item's words, kept on the item: sorting moves rows around.
    each(items, function (item) { item.laWords = plain(item.textContent + " " + (item.getAttribute("data-words") || "")); });
    function apply() {
      var phrase = plain(input.value), shown = 0;
      each(items, function (item) {
        var show = item.laWords.indexOf(phrase) >= 0 && chosen(item, choices);
        item.hidden = !show;
        if (show) shown += 1;
      });
      after();
      showCount(count, shown, items.length, input.getAttribute("data-noun") || noun);
    }
    input.addEventListener("input", apply);
    each(choices, function (choice) { choice.addEventListener("change", apply); });
    apply(); // the browser may have kept a filter from before going back to the page
  }

  // An index table; a table of the map's sites also shows and hides their marks on the map (data-marks names the map).
  function makeFilterable(input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) return;
    var rows = table.tBodies[0].rows;
    makeFilter(input, "data-table", table, rows, "rows", function () {
      var marks = document.getElementById(table.getAttribute("data-marks") || "");
      if (marks) each(rows, function (row) {
        each(marks.querySelectorAll("a.la-site[data-mission='" + row.getAttribute("data-mission") + "']"), function (mark) {
          mark.classList.toggle("la-filtered-out", row.hidden);
        });
      });
    });
  }

  // A list (a timeline page's events, the quotes): a group (a year, a speaker) with no item left hides.
  function makeListFilterable(input) {
    var list = document.getElementById(input.getAttribute("data-list"));
    if (!list) return;
    makeFilter(input, "data-list", list, list.querySelectorAll("li.la-event, .la-item"), "items", function () {
      each(list.querySelectorAll("section.la-year, section.la-group"), function (section) {
        section.hidden = !section.querySelector("li.la-event:not([hidden]), .la-item:not([hidden])");
      });
    });
  }

  // Oldest first or newest first: the years and the events within each year change places.
  function makeOrderToggle(button) {
    var list = document.getElementById(button.getAttribute("data-list"));
    if (!list) return;
    button.addEventListener("click", function () {
      var newest = button.getAttribute("aria-pressed") !== "true";
      var reverse = function (parent) {
        Array.prototype.slice.call(parent.children).reverse().forEach(function (child) { parent.appendChild(child); });
      };
      reverse(list);
      each(list.querySelectorAll("ol.la-timeline"), reverse);
      button.setAttribute("aria-pressed", newest ? "true" : "false");
      button.textContent = newest ? "Oldest first" : "Newest first";
    });
  }

  function init() {
    document.querySelectorAll("table.la-sortable").forEach(makeSortable);
    document.querySelectorAll("input.la-filter[data-table]").forEach(makeFilterable);
    document.querySelectorAll("input.la-filter[data-list]").forEach(makeListFilterable);
    document.querySelectorAll("button.la-order").forEach(makeOrderToggle);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
