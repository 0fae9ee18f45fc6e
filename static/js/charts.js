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

  // A downloaded image travels without the page: it carries its title, where it comes from, how recent
  // it is and "demo" in the image itself (from the data-mark-* attributes of its download group).
  function escaped(text) {  // plotly reads a title as a little HTML: names stay text
    return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function marked(figure, marks) {
    var layout = Object.assign({}, figure.layout);
    var lines = ["<b>" + escaped(marks.title) + "</b>", '<span style="font-size:13px">' + escaped(marks.note) + "</span>"];
    if (marks.demo) {
      lines.push('<span style="font-size:13px;color:#B3261E"><b>' + escaped(marks.demo) + "</b></span>");
    }
    layout.title = { text: lines.join("<br>"), x: 0.01, xanchor: "left", y: 1, yanchor: "top", yref: "container",
      pad: { t: 20 }, font: { size: 20 } };
    layout.margin = Object.assign({}, layout.margin, { t: 48 + 26 * lines.length });
    return { data: figure.data, layout: layout, config: { locale: "nl" } };
  }

  function download(button) {
    var source = document.getElementById(button.dataset.chartDownload);
    var group = button.closest("[data-mark-title]");
    if (!source || !group) {
      return;
    }
    var marks = { title: group.dataset.markTitle, note: group.dataset.markNote, demo: group.dataset.markDemo };
    window.Plotly.downloadImage(marked(JSON.parse(source.textContent), marks), {
      format: button.dataset.format || "png",
      filename: button.dataset.filename || "grafiek",
      width: 1200,
      height: 640,
      scale: 2,
    });
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
