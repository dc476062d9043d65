// Runs before the app: a browser without WebAssembly gets a plain message instead of a
// loading screen that never ends.
(function () {
  if (typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function") return;
  var status = document.getElementById("boot-status");
  if (status) {
    status.textContent =
      "This browser is too old for ERASMI Toolkit. Please update it or use a current version of Firefox, Chrome, Edge or Safari. / " +
      "Dieser Browser ist zu alt für ERASMI Toolkit. Bitte aktualisieren Sie ihn oder nutzen Sie eine aktuelle Version von Firefox, Chrome, Edge oder Safari.";
  }
})();
