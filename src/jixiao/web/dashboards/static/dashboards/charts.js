// Draws every chart of the page from its JSON option (a json_script element named by data-chart).
// The options come from the server as plain JSON; only the font, the tooltip mode and resizing are added
// here. Tooltips render inside the canvas: HTML tooltips would need inline styles, which the CSP refuses.
(function () {
  "use strict";
  var FONT = '"Jixiao CJK", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
  var charts = [];

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || typeof echarts === "undefined") return;
    var option = JSON.parse(source.textContent);
    option.textStyle = { fontFamily: FONT };
    option.animation = false;
    if (option.tooltip) option.tooltip.renderMode = "richText";
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    charts.push(chart);
    el.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
  // Canvas text is drawn once: wait for the bundled font, or draw with the fallback if it cannot load.
  var fontReady = document.fonts && document.fonts.load ? document.fonts.load('14px "Jixiao CJK"', "图表") : null;
  if (fontReady) fontReady.then(drawAll, drawAll); else drawAll();
})();
