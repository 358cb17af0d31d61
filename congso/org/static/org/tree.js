// Expand/collapse of the org tree: htmx loads a node's children once (hx-trigger="click once");
// this script only flips aria-expanded and hides or shows the loaded list.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".org-tree .toggle");
  if (!button) return;
  var list = document.getElementById(button.getAttribute("aria-controls"));
  var open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", open ? "true" : "false");
  if (list) list.hidden = !open;
});
