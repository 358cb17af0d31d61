/* Charts of the case statistics page; the tables below each chart hold the same numbers. */
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("cases-chart-data").textContent);
  var colour = "#b3261e";
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
  function bar(id, series, horizontal) {
    var el = document.getElementById(id);
    if (!el || !window.Chart) { return; }
    if (horizontal) { fit(el, series.labels); }
    new window.Chart(el, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ data: series.values, backgroundColor: colour }] },
      options: { indexAxis: horizontal ? "y" : "x", maintainAspectRatio: !horizontal,
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true },
          y: horizontal
            ? { ticks: { autoSkip: false, callback: function (value) { return wrap(this.getLabelForValue(value)); } } }
            : { beginAtZero: true }
        } }
    });
  }
  bar("chart-month", data.month, false);
  bar("chart-category", data.category, true);
  bar("chart-unit", data.unit, true);
});
