/* Charts of the case statistics page; the tables below each chart hold the same numbers. */
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("cases-chart-data").textContent);
  var colour = "#b3261e";
  function bar(id, series, horizontal) {
    var el = document.getElementById(id);
    if (!el || !window.Chart) { return; }
    new window.Chart(el, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: colour }] },
      options: { indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } } }
    });
  }
  bar("chart-month", data.month, false);
  bar("chart-category", data.category, true);
  bar("chart-unit", data.unit, true);
});
