// Draws every chart on the page: each [data-chart] names a JSON script block
// (made by Django's json_script) that holds a plotly figure built in Python.
(function () {
  "use strict";
  var PRINT_HEIGHT = 330;

  function registerDutch() {
    var locale = window.module && window.module.exports;
    if (locale && locale.moduleType === "locale") {
      window.Plotly.register(locale);
    }
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    if (window.matchMedia("print").matches && figure.layout.height > PRINT_HEIGHT) {
      // On paper a chart takes a third of a page, not half; its axis titles a size smaller, so they still fit.
      figure.layout.height = PRINT_HEIGHT;
      ["xaxis", "yaxis"].forEach(function (axis) {
        var title = figure.layout[axis] && figure.layout[axis].title;
        if (title) { title.font = Object.assign({}, title.font, { size: 12 }); }
      });
    }
    var config = { displayModeBar: false, responsive: true, locale: "nl" };
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.setAttribute("data-drawn", "true");
    });
  }

  function download(button) {
    var target = document.querySelector('[data-chart="' + button.dataset.chartDownload + '"]');
    if (target) {
      window.Plotly.downloadImage(target, {
        format: button.dataset.format || "png",
        filename: button.dataset.filename || "grafiek",
        width: 1200,
        height: 600,
        scale: 2,
      });
    }
  }

  function start() {
    if (!window.Plotly) {
      document.querySelectorAll("[data-chart]").forEach(function (element) {
        element.textContent = "De grafiek kon niet worden geladen; de cijfers staan in de tabel.";
      });
      return;
    }
    registerDutch();
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("[data-chart-download]").forEach(function (button) {
      button.addEventListener("click", function () { download(button); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
