// Small behaviours the staff pages declare with data attributes, so that no page needs an
// inline script or an on* attribute (the Content-Security-Policy allows scripts from this
// site only: docs/security.md).
//   data-autosubmit on a field: submit its form when it changes (language, period filters);
//   data-confirm on a form or a button: ask before submitting;
//   data-print on a button: print the page.
(function () {
  document.addEventListener("change", function (event) {
    var field = event.target.closest && event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.submit();
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-confirm], [data-print]");
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      window.print();
    } else if (target.tagName !== "FORM" && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
