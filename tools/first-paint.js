// The first screen: inlined by tools/prerender.mjs right after the pre-rendered blocks in
// index.html, so it runs while the page is parsed, before the first paint, with no request of
// its own. The Content Security Policy allows exactly this script by its hash, which
// tools/prerender.mjs writes into index.html and _headers. It is small, old-fashioned
// JavaScript on purpose: it also runs in browsers too old for the app.
//
(function () {
  var boot = document.getElementById("boot");
  var blocks = boot ? boot.querySelectorAll(".prerender") : [];
  var i;
  // The plain start screen ("Loading …") is hidden until this script has chosen between it and
  // the catalog, so the first paint is already the right one.
  function plain() {
    for (i = blocks.length - 1; i >= 0; i--) blocks[i].parentNode.removeChild(blocks[i]);
    document.getElementById("boot-plain").hidden = false;
  }
  // A browser without WebAssembly gets the plain start screen, where check.js says why.
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") return plain();

  // The page written at build time in every language (tools/prerender.mjs: the catalog in
  // index.html, a lesson in its own page) is shown while the app loads: in the language, theme,
  // text size and profile of the last visit (the hint the app keeps in localStorage,
  // src/device.rs), or in the browser's language on a first visit. The app replaces it with the
  // same page. At any other address (index.html answers every route) the plain screen shows.
  if (!blocks.length || blocks[0].getAttribute("data-path") !== location.pathname) return plain();
  var hint = {};
  try {
    hint = JSON.parse(localStorage.getItem("erasmi.first-paint") || "{}") || {};
    if (hint.v !== 1) hint = {};
  } catch (e) {
    hint = {};
  }
  var codes = [];
  for (i = 0; i < blocks.length; i++) codes.push(blocks[i].getAttribute("data-lang"));
  var lang = codes.indexOf(hint.lang) >= 0 ? hint.lang : null;
  var wanted = (navigator.languages || []).concat([navigator.language || ""]);
  for (i = 0; !lang && i < wanted.length; i++) {
    var primary = String(wanted[i]).split("-")[0].toLowerCase();
    if (codes.indexOf(primary) >= 0) lang = primary;
  }
  if (!lang) lang = codes.indexOf("en") >= 0 ? "en" : codes[0];

  var html = document.documentElement;
  var shown = null;
  for (i = 0; i < blocks.length; i++) if (blocks[i].getAttribute("data-lang") === lang) shown = blocks[i];
  // A lesson not written in that language: the app shows it in English, with a note.
  if (shown.hasAttribute("data-none")) return plain();
  for (i = blocks.length - 1; i >= 0; i--) if (blocks[i] !== shown) blocks[i].parentNode.removeChild(blocks[i]);
  html.setAttribute("lang", lang);
  html.setAttribute("dir", shown.getAttribute("data-dir") || "ltr");
  // (Every value is type-checked first: a regular expression would accept `undefined` as text.)
  var theme = typeof hint.theme === "string" && /^(system|light|dark)$/.test(hint.theme) ? hint.theme : "system";
  html.setAttribute("data-theme", theme);
  if (typeof hint.size === "number" && hint.size >= 50 && hint.size <= 300) html.style.fontSize = hint.size + "%";
  var avatar = shown.querySelector(".profile-menu .avatar");
  if (avatar && typeof hint.color === "string" && /^[a-z]+$/.test(hint.color)) avatar.className = "avatar avatar-" + hint.color;
  if (typeof hint.name === "string" && hint.name) {
    var name = shown.querySelector(".profile-menu .profile-name");
    if (name) name.textContent = hint.name;
    if (avatar && typeof hint.initials === "string") avatar.textContent = hint.initials;
  }
  var resume = hint.resume;
  var card = shown.querySelector(".continue-card");
  if (card && resume && hint.lang === lang && typeof resume.title === "string" && typeof resume.place === "string" && typeof resume.href === "string" && /^\/module\/[^"<>]+$/.test(resume.href)) {
    var line = card.querySelector("p");
    line.firstChild.textContent = resume.title;
    line.lastChild.nodeValue = " · " + resume.place;
    card.querySelector("a").setAttribute("href", resume.href);
    card.hidden = false;
  }
  if (navigator.onLine === false) {
    var online = shown.querySelector(".online-indicator");
    if (online) {
      online.className += " offline";
      online.querySelector(".label").textContent = online.getAttribute("data-offline");
    }
  }
  // The title names the page, as the app's does (src/ui/title.rs).
  var heading = shown.querySelector("main h1");
  var appName = String(document.title);
  var text = heading ? heading.textContent.replace(/\s+/g, " ").replace(/^ | $/g, "") : "";
  if (text && text !== appName) document.title = text + " \u2013 " + appName;
  boot.className = "boot-page";
  shown.hidden = false;
})();
