/* consent.js: the one script a site embeds.
 *
 * A small script that runs at once: it hands the site config to the banner,
 * and loads the Brython runtime with the precompiled banner from a
 * content-hashed, immutable URL. Before that runtime starts, it does one of
 * two things Python has already decided: on a first visit it paints the first
 * layer from HTML the server rendered with the banner's own Python
 * (banner/markup.py), keeping any click for Python; for a returning visitor
 * it replays Python's verdict on this very cookie (banner/replay.py), so the
 * consented tools need not wait for Python. Anything else waits for Python.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script ? script.src : "";
  var config = "__CC_SITE_CONFIG__";
  var firstLayer = "__CC_FIRST_LAYER__";
  var DONE = "data-cc-done";
  var boot = window.CookieConsentBoot = {
    config: JSON.stringify(config),
    src: src,
    nonce: script ? (script.nonce || script.getAttribute("nonce")) : null,
    lang: script ? script.getAttribute("data-lang") : null,
    secGpc: "__CC_SEC_GPC__",  // true when this script's request sent Sec-GPC: 1
    replayKey: "__CC_REPLAY_KEY__",  // this runtime with this config
    replayed: false,  // the loader applied a stored verdict (Consent Mode, scripts)
    // gtag() must push a real Arguments object, which Python cannot build.
    gtag: function () { (window.dataLayer = window.dataLayer || []).push(arguments); },
    run: run,  // Python's banner/activate.py hands over the elements it unlocked
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

  // banner/cookie.py's read_cookie: the raw value, or null.
  function storedCookie() {
    var parts = document.cookie.split(";");
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].trim(), at = part.indexOf("=");
      if (at >= 0 && part.slice(0, at) === config.cookie.name) { return part.slice(at + 1); }
    }
    return null;
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
    return root;
  }

  // Python's verdict on this cookie, if it still holds for this build and config.
  function storedVerdict(cookie) {
    var verdict = null, now = Date.now();
    try {
      verdict = JSON.parse(localStorage.getItem("cc_replay"));
    } catch (error) {
      return null;  // storage blocked or garbled: Python decides
    }
    var holds = verdict && verdict.key === boot.replayKey && verdict.cookie === cookie
      && verdict.from <= now && now < verdict.until;
    return holds ? verdict : null;
  }

  // banner/activation.py's should_activate on a page load: no "!" name is ever
  // in a choice, so those elements (and unknown ones) stay blocked.
  function unlocks(choice, category, service) {
    var services = Object.prototype.hasOwnProperty.call(choice, category) ? choice[category] : null;
    return services !== null && (!service || services.indexOf(service) >= 0);
  }

  // Make blocked elements live: media at once, scripts one after another, each
  // external one loaded before the next, so a tag and the inline code that
  // configures it run in document order. All are marked done first, so nothing
  // runs twice whoever asks next. Calls `then` once the last script is in.
  function run(nodes, then) {
    var scripts = [];
    nodes.forEach(function (node) {
      node.setAttribute(DONE, "");
      if (node.tagName === "SCRIPT") { scripts.push(node); }
      else { node.setAttribute("src", node.getAttribute("data-src")); }
    });
    (function next() {
      var blocked = scripts.shift();
      if (!blocked) { return then && then(); }
      if (!blocked.parentNode) { return next(); }
      var live = document.createElement("script");
      [].forEach.call(blocked.attributes, function (a) {
        if (["type", "data-src", "data-type", "nonce"].indexOf(a.name) < 0) {
          live.setAttribute(a.name, a.value);
        }
      });
      var type = blocked.getAttribute("data-type");
      var source = blocked.getAttribute("data-src") || blocked.getAttribute("src");
      if (type) { live.setAttribute("type", type); }
      if (boot.nonce) { live.setAttribute("nonce", boot.nonce); }
      if (source) {
        live.async = false;
        live.onload = live.onerror = next;
        live.src = source;
      } else {
        live.text = blocked.text;
      }
      blocked.parentNode.replaceChild(live, blocked);
      if (!source) { next(); }
    })();
  }

  function replay(verdict, then) {
    boot.replayed = true;
    verdict.gtag.forEach(function (command) { boot.gtag.apply(null, command); });
    whenParsed(function () {
      var blocked = document.querySelectorAll(
        'script[type="text/plain"][data-category], [data-category][data-src]');
      run([].filter.call(blocked, function (node) {
        return !node.hasAttribute(DONE) && unlocks(
          verdict.choice, node.getAttribute("data-category"), node.getAttribute("data-service"));
      }), then);
    });
  }

  var runtimeUrl = new URL("__CC_RUNTIME__", src).href;

  function element(tag, attributes) {
    var node = document.createElement(tag);
    for (var name in attributes) { node.setAttribute(name, attributes[name]); }
    if (boot.nonce) { node.setAttribute("nonce", boot.nonce); }
    return document.head.appendChild(node);
  }

  var loaded = false;
  function loadRuntime() {
    if (!loaded) {
      loaded = true;
      element("script", {src: runtimeUrl});  // inserted scripts run async
    }
  }

  function whenParsed(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  // Brython's start-up holds the main thread for a while, so the runtime is
  // fetched and run later. First visit: after the page and the painted layer
  // are on screen (the layer has text, so that paint comes; a background tab
  // paints nothing, so it need not wait). Returning visitor: after the
  // consented scripts. Not preloaded: fetching it early delayed the page's
  // first paint by ~40 ms, and nothing on screen waits for it.
  function later() {
    setTimeout(loadRuntime, 3000);  // should the paint never be reported, or a script hang
  }
  // The page's first frame, then the layer's, then the runtime: a layer
  // painted at DOMContentLoaded delayed the page's own first paint by ~25 ms.
  // (A task queued from an animation frame runs after that frame.) A hidden
  // tab has no frames, so it paints and loads at once.
  function nextFrame(callback) {
    if (document.visibilityState !== "visible") { return callback(); }
    requestAnimationFrame(function () { setTimeout(callback, 0); });
  }
  function afterFirstPaint() {
    nextFrame(function () {
      var root = paint();
      if (root) { root.firstChild.focus({preventScroll: true}); }
      nextFrame(loadRuntime);
    });
  }

  var cookie = storedCookie();
  var verdict = cookie === null ? null : storedVerdict(cookie);
  if (verdict) {
    later();
    replay(verdict, loadRuntime);
  } else if (cookie === null && navigator.globalPrivacyControl !== true && boot.secGpc !== true) {
    // The plain first visit; a notice (revision, privacy signal) is Python's.
    later();
    whenParsed(afterFirstPaint);
  } else {
    loadRuntime();
  }
})();
