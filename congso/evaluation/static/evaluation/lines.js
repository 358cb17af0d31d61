// Product lines of a sheet: the line scores and the task points as they are typed (an
// estimate; the server computes the stored figures with exact decimals, rules.py).
(function () {
  "use strict";
  var box = document.querySelector("[data-lines]");
  if (!box) { return; }
  function num(input) {
    if (!input) { return NaN; }
    var text = String(input.value || "").trim().replace(",", ".");
    return text === "" ? NaN : Number(text);
  }
  function count(input) {
    var n = num(input);
    return isNaN(n) || n < 0 ? 0 : Math.floor(n);
  }
  function units(row) {
    var select = row.querySelector("[data-product]");
    var option = select && select.options[select.selectedIndex];
    var value = option ? Number(option.getAttribute("data-units")) : 1;
    return isNaN(value) || value <= 0 ? 1 : value;
  }
  function score(row) {
    var assigned = num(row.querySelector("[data-assigned]"));
    var completed = num(row.querySelector("[data-completed]"));
    var quality = num(row.querySelector("[data-quality]"));
    var timeliness = num(row.querySelector("[data-timeliness]"));
    if ([assigned, completed, quality, timeliness].some(isNaN)) { return null; }
    var quantity = assigned > 0 ? Math.min(completed / assigned, 1) * 100 : 0;
    var objective = row.querySelector("[data-objective]");
    if (!(objective && objective.checked)) {
      quality = quality * Math.max(0, 1 - 0.25 * count(row.querySelector("[data-errors]")));
      timeliness = timeliness * Math.max(0, 1 - 0.25 * count(row.querySelector("[data-delays]")));
    }
    return { value: (quantity + quality + timeliness) / 3, weight: assigned * units(row) };
  }
  function update() {
    var total = 0, weight = 0, any = false;
    box.querySelectorAll("[data-line]").forEach(function (row) {
      var out = row.querySelector("[data-score]");
      var removed = row.querySelector("input[name$='_delete']");
      var result = removed && removed.checked ? null : score(row);
      if (out) { out.textContent = result ? result.value.toFixed(2).replace(".", ",") + " %" : "—"; }
      if (result) { any = true; total += result.value * result.weight; weight += result.weight; }
    });
    var line = document.querySelector("[data-lines-total]");
    var out = line && line.querySelector("[data-total]");
    if (!line || !out) { return; }
    line.hidden = !any;
    out.textContent = any && weight > 0 ? (70 * total / weight / 100).toFixed(2).replace(".", ",") : "0";
  }
  box.addEventListener("input", update);
  box.addEventListener("change", update);
  update();
}());
