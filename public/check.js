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

// The buttons of the error screen that the app shows when it stops (src/panic.rs): the stopped
// WebAssembly module can no longer answer clicks, so this script does.
document.addEventListener("click", function (event) {
  var button = event.target && event.target.closest && event.target.closest("[data-panic]");
  if (!button) return;
  if (button.getAttribute("data-panic") === "reload") {
    location.reload();
    return;
  }
  var details = document.getElementById("panic-details");
  var status = document.getElementById("panic-status");
  var done = function () {
    if (status) status.textContent = button.getAttribute("data-copied") || "";
  };
  if (navigator.clipboard && details) {
    navigator.clipboard.writeText(details.textContent).then(done, function () {
      details.parentNode.open = true;
    });
  } else if (details) {
    details.parentNode.open = true;
  }
});
