// The print view's "Afdrukken" button: shown only when scripts run (otherwise the page says to use the browser menu).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll(".report-print__no-script").forEach(function (text) { text.hidden = true; });
})();
// On paper a chart's numbers are printed open, not behind "Toon tabel".
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (details) { details.open = true; });
});
