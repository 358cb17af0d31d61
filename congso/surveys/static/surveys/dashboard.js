/* Draws the survey dashboard charts from the json_script block (Chart.js 4.6.1, vendored). */
(function () {
  var node = document.getElementById("survey-charts");
  if (!node || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var red = "#b3261e";
  // Long labels wrap onto several lines instead of being cut at the canvas edge (phones).
  function wrap(label) {
    var width = window.innerWidth < 640 ? 16 : 34, lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines;
  }
  // A horizontal bar chart gets the height its (wrapped) labels need.
  function fit(canvas, labels) {
    var height = 50;
    labels.forEach(function (label) { height += Math.max(26, wrap(label).length * 17 + 12); });
    var box = document.createElement("div");
    box.style.position = "relative";
    box.style.height = height + "px";
    canvas.parentNode.insertBefore(box, canvas);
    box.appendChild(canvas);
  }
  var elements = document.getElementById("chart-elements");
  if (elements) {
    fit(elements, data.elements.labels);
    new Chart(elements, {
      type: "bar",
      data: { labels: data.elements.labels, datasets: [{ label: "%", data: data.elements.values, backgroundColor: red }] },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: {
          x: { min: 0, max: 100 },
          y: { ticks: { autoSkip: false, callback: function (value) { return wrap(this.getLabelForValue(value)); } } }
        },
        plugins: { legend: { display: false } }
      }
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
