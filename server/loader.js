/* consent.js: the one script a site embeds.
 *
 * A small script that runs at once: it hands the site config to the banner,
 * paints the first layer from HTML the server rendered with the banner's own
 * Python (banner/markup.py), and loads the Brython runtime with the
 * precompiled banner from a content-hashed, immutable URL. Python decides
 * everything: it adopts the painted layer (or replaces it), and a click made
 * before it ran is recorded here and applied by Python. Nothing is activated
 * here, ever.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script ? script.src : "";
  var config = "__CC_SITE_CONFIG__";
  var firstLayer = "__CC_FIRST_LAYER__";
  var boot = window.CookieConsentBoot = {
    config: JSON.stringify(config),
    src: src,
    nonce: script ? (script.nonce || script.getAttribute("nonce")) : null,
    lang: script ? script.getAttribute("data-lang") : null,
    secGpc: "__CC_SEC_GPC__",  // true when this script's request sent Sec-GPC: 1
    // gtag() must push a real Arguments object, which Python cannot build.
    gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); },
    pending: null,  // data-cc-action of a click on the painted layer
    ready: false    // set by Python once its own handlers answer
  };

  // banner/language.py's rule; if the two ever disagree, Python repaints.
  function language() {
    var hints = [boot.lang, document.documentElement.lang, navigator.language];
    for (var i = 0; i < hints.length; i++) {
      var tag = typeof hints[i] === "string"
        ? hints[i].trim().replace(/_/g, "-").split("-")[0].toLowerCase() : "";
      if (config.languages.indexOf(tag) >= 0) { return tag; }
    }
    return config.defaultLanguage;
  }

  // Paint only the plain case: no stored choice (it may still hold, or need a
  // revision notice) and no privacy signal (it needs a notice). Python handles
  // every other case itself.
  function plainFirstVisit() {
    var prefix = config.cookie.name + "=";
    var stored = document.cookie.split(/;\s*/).some(function (c) { return c.indexOf(prefix) === 0; });
    return !stored && navigator.globalPrivacyControl !== true && boot.secGpc !== true;
  }

  function paint() {
    if (document.getElementById("cc-main")) { return; }
    element("style", {id: "cc-style"}).textContent = firstLayer.css;
    var root = document.createElement("div");
    root.id = "cc-main";
    root.className = firstLayer.classes;
    root.innerHTML = firstLayer.html[language()];
    root.querySelectorAll("a[href]").forEach(function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), src).href);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-cc-action]");
      if (button && !boot.ready) { boot.pending = button.getAttribute("data-cc-action"); }
    });
    document.body.appendChild(root);
    root.firstChild.focus({preventScroll: true});
  }

  var runtimeUrl = new URL("__CC_RUNTIME__", src).href;

  function element(tag, attributes) {
    var node = document.createElement(tag);
    for (var name in attributes) { node.setAttribute(name, attributes[name]); }
    if (boot.nonce) { node.setAttribute("nonce", boot.nonce); }
    return document.head.appendChild(node);
  }

  function loadRuntime() {
    element("script", {src: runtimeUrl});  // inserted scripts run async
  }

  if (!plainFirstVisit()) {
    loadRuntime();
    return;
  }
  // Download now, run once the page and the painted layer are on screen:
  // Brython's start-up holds the main thread for a while and would otherwise
  // delay the page's first contentful paint. The painted layer has text, so
  // that paint comes; a background tab paints nothing, so it need not wait.
  element("link", {rel: "preload", as: "script", href: runtimeUrl});
  function paintThenLoad() {
    paint();
    var loaded = false;
    function loadOnce() {
      if (!loaded) { loaded = true; loadRuntime(); }
    }
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
    if (document.visibilityState !== "visible" || !types || types.indexOf("paint") < 0) {
      loadOnce();
      return;
    }
    new PerformanceObserver(function (entries, observer) {
      if (entries.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        setTimeout(loadOnce, 0);
      }
    }).observe({type: "paint", buffered: true});
    setTimeout(loadOnce, 3000);  // should the paint never be reported (tab hidden since)
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", paintThenLoad);
  } else {
    paintThenLoad();
  }
})();
