/* Back to the form after 5 s, but only once the server answers: a kiosk must never land on
   the browser's error page (without JavaScript the <noscript> refresh does the same).
   The URLs come from the script element's data attributes (no inline script: CSP). */
(function () {
  var me = document.currentScript, form = me.dataset.form, probe = me.dataset.probe;
  function go() {
    fetch(probe, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw 0; location.href = form; })
      .catch(function () { setTimeout(go, 10000); });
  }
  setTimeout(go, 5000);
})();
