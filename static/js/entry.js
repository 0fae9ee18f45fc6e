// The month form: totals follow their parts as you type, and the save bar counts the filled fields.
// Without this script the form works the same; the server computes and checks everything again.
(function () {
  "use strict";
  var form = document.querySelector("[data-entry-form]");
  if (!form) return;
  var filled = form.querySelector("[data-filled]");
  var live = form.querySelector("[data-progress-live]");
  var number = /^([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$/;

  function parse(text) {
    text = text.trim().replace(/^€\s*/, "");
    return number.test(text) ? parseFloat(text.replace(/\./g, "").replace(",", ".")) : null;
  }

  function add(totals, key, value) {
    var entry = totals[key] || (totals[key] = { sum: 0, count: 0 });
    if (value !== null) {
      entry.sum += value;
      entry.count += 1;
    }
  }

  function update() {
    var totals = {};
    var count = 0;
    form.querySelectorAll("input.entry-input").forEach(function (input) {
      var value = parse(input.value);
      if (input.value.trim() !== "") count += 1;
      if (input.dataset.total) add(totals, input.dataset.total, value);
    });
    // Districts come before NPRZ in the page, so a district's new total counts towards NPRZ.
    form.querySelectorAll(".entry-total[data-parts-of]").forEach(function (output) {
      if (output.dataset.initial === undefined) output.dataset.initial = output.textContent;
      var entry = totals[output.dataset.partsOf];
      var complete = entry && entry.count === Number(output.dataset.parts);
      output.textContent = complete ? entry.sum.toLocaleString("nl-NL") : output.dataset.initial;
      var value = parse(output.textContent);
      if (value !== null) count += 1;
      if (output.dataset.total) add(totals, output.dataset.total, value);
    });
    form.querySelectorAll(".entry-total:not([data-parts-of])").forEach(function (output) {
      if (parse(output.textContent) !== null) count += 1;
    });
    if (filled) filled.textContent = count.toLocaleString("nl-NL");
  }

  form.addEventListener("input", update);
  // Announce the progress when a field is left, not on every key.
  form.addEventListener("change", function () {
    if (live && filled) live.textContent = filled.parentNode.textContent.trim();
  });
})();
