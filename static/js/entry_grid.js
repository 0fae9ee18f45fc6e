// The month grid works like a spreadsheet: Enter and the arrow keys move between cells, Enter never
// submits, and a column or block pasted from Excel (tab-separated, Dutch numbers) fills the cells
// from the focused one down and to the right. A focused cell is kept clear of the sticky save bar.
// Without this script the form works the same with Tab; the server checks every value again.
(function () {
  "use strict";
  var form = document.querySelector("[data-entry-form]");
  if (!form) return;
  var number = /^([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$/;
  var bar = form.querySelector(".entry-savebar");

  function columnOf(input) {
    var cell = input.closest("td");
    return Array.prototype.indexOf.call(cell.parentNode.children, cell);
  }

  function headings(table) {
    return Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    }).join("|");
  }

  // The inputs of one column, top to bottom, over every table with the same columns (a district
  // after another), so a column of all neighbourhoods is one run of Enter presses or one paste.
  function column(input) {
    var table = input.closest("table");
    var index = columnOf(input);
    var same = headings(table);
    var cells = [];
    form.querySelectorAll("table.entry-table").forEach(function (other) {
      if (headings(other) !== same) return;
      other.querySelectorAll("tbody tr").forEach(function (row) {
        var cell = row.children[index];
        var found = cell && cell.querySelector("input.entry-input:not([disabled])");
        if (found) cells.push(found);
      });
    });
    return cells;
  }

  function rowInputs(input) {
    return Array.prototype.slice.call(input.closest("tr").querySelectorAll("input.entry-input:not([disabled])"));
  }

  function focus(input) {
    if (!input) return false;
    var group = input.closest("details");
    if (group && !group.open) group.open = true;
    input.focus();
    input.select();
    return true;
  }

  function step(input, rows, columns) {
    if (rows) {
      var cells = column(input);
      return focus(cells[cells.indexOf(input) + rows]);
    }
    var inRow = rowInputs(input);
    return focus(inRow[inRow.indexOf(input) + columns]);
  }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input.entry-input")) return;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    var moved = null;
    if (event.key === "Enter") {
      event.preventDefault(); // Enter moves down, as in a spreadsheet; only the button submits
      moved = step(input, event.shiftKey ? -1 : 1, 0);
    } else if (event.key === "ArrowDown") {
      moved = step(input, 1, 0);
    } else if (event.key === "ArrowUp") {
      moved = step(input, -1, 0);
    } else if (event.key === "ArrowRight" && (atEnd || all)) {
      moved = step(input, 0, 1);
    } else if (event.key === "ArrowLeft" && (atStart || all)) {
      moved = step(input, 0, -1);
    }
    if (moved) event.preventDefault();
  });

  // One pasted cell: spaces, a euro sign and a non-breaking space that Excel adds are not part of the number.
  function cleaned(text) {
    return text.replace(/[\u00a0\u202f ]/g, "").replace(/^€/, "");
  }

  function mark(input, ok) {
    var cell = input.closest("td");
    if (ok) {
      input.removeAttribute("aria-invalid");
      cell.classList.remove("entry-cell--pasted-error");
      input.removeAttribute("title");
    } else {
      input.setAttribute("aria-invalid", "true");
      cell.classList.add("entry-cell--pasted-error");
      input.title = "Geen Nederlands getal; het wordt bij opslaan gemeld";
    }
  }

  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input.entry-input")) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return; // one value: the browser pastes it
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var cells = column(input);
    var start = cells.indexOf(input);
    var filled = 0;
    var refused = 0;
    lines.forEach(function (line, i) {
      var target = cells[start + i];
      if (!target) return;
      var inRow = rowInputs(target);
      line.split("\t").forEach(function (raw, j) {
        var field = inRow[inRow.indexOf(target) + j];
        if (!field) return;
        var value = cleaned(raw);
        field.value = value;
        var ok = value === "" || number.test(value);
        mark(field, ok);
        filled += 1;
        if (!ok) refused += 1;
      });
    });
    form.dispatchEvent(new Event("input", { bubbles: true }));
    var live = form.querySelector("[data-progress-live]");
    if (live) {
      live.textContent =
        filled + " cellen geplakt" + (refused ? ", waarvan " + refused + " geen Nederlands getal" : "") + ".";
    }
  });

  // Keep the focused field clear of the sticky save bar (WCAG 2.2, 2.4.11), also where the
  // browser's own scrolling (scroll-padding-bottom in the stylesheet) falls short.
  form.addEventListener("focusin", function (event) {
    if (!bar || event.target === bar || bar.contains(event.target)) return;
    var barTop = bar.getBoundingClientRect().top;
    var bottom = event.target.getBoundingClientRect().bottom;
    if (bottom > barTop - 8) window.scrollBy(0, bottom - barTop + 16);
  });
})();
