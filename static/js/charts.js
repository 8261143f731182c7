// Dashboard charts (ECharts, served locally). The page carries each chart's data in a json_script element and a
// container <div data-chart="<that element's id>">; the CSP forbids inline scripts, so this file draws them.
// Spec: {kind: "bar" | "line", categories: [...], stacked: bool, series: [{name, data: [...], links: [...]}]}.
// A click on a point opens the list of the records it counts (series[i].links[j]).
(function () {
  "use strict";
  var PALETTE = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997"];

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var narrow = el.clientWidth < 500;
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: PALETTE,
      animation: false,
      tooltip: { trigger: spec.kind === "line" ? "axis" : "item" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: spec.categories,
        axisLabel: { interval: 0, rotate: narrow || spec.categories.length > 6 ? 40 : 0, fontSize: 11 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: spec.series.map(function (s) {
        return {
          name: s.name,
          type: spec.kind,
          data: s.data,
          stack: spec.stacked ? "total" : undefined,
          cursor: "pointer",
        };
      }),
    });
    chart.on("click", function (params) {
      var series = spec.series[params.seriesIndex];
      var link = series && series.links[params.dataIndex];
      if (link) {
        window.location.href = link;
      }
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
    el.setAttribute("data-drawn", "1");
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  // A printout carries every chart's table, folded or not on screen.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chart-table").forEach(function (d) {
      d.open = true;
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
