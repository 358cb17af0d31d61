/* Draws the survey dashboard charts from the json_script block (Chart.js 4.6.1, vendored). */
(function () {
  var node = document.getElementById("survey-charts");
  if (!node || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var red = "#b3261e";
  var elements = document.getElementById("chart-elements");
  if (elements) {
    new Chart(elements, {
      type: "bar",
      data: { labels: data.elements.labels, datasets: [{ label: "%", data: data.elements.values, backgroundColor: red }] },
      options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } }
    });
  }
  var trend = document.getElementById("chart-trend");
  if (trend) {
    new Chart(trend, {
      type: "line",
      data: { labels: data.trend.labels, datasets: [{ label: "%", data: data.trend.values, borderColor: red, spanGaps: false }] },
      options: { scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } }
    });
  }
})();
