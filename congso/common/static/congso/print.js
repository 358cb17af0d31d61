// Buttons marked data-print print the page (no inline handlers: the CSP allows scripts from
// this site only).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
