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
  // NAMES.ROOT_ID and the like are banner/names.py's, written in as literals by the build
  // (bundler/loader.py), and so are the rules of banner/loader_rules.js:
  __BUILD_RULES__;
  var script = document.currentScript;
  var src = script ? script.src : "";
  var config = "__CC_SITE_CONFIG__";
  var consentModal = "__CC_CONSENT_MODAL__";
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

  function language() {
    var hints = [boot.lang, document.documentElement.lang, navigator.language];
    return chooseLanguage(hints, config.languages, config.defaultLanguage);
  }

  function paint() {
    if (document.getElementById(NAMES.ROOT_ID)) { return; }
    element("style", {id: NAMES.STYLE_ID}).textContent = consentModal.css;
    var root = document.createElement("div");
    root.id = NAMES.ROOT_ID;
    root.className = consentModal.classes;
    root.innerHTML = consentModal.html[language()];
    root.querySelectorAll("a[href]").forEach(function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), src).href);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[" + NAMES.ACTION_ATTRIBUTE + "]");
      if (button && !boot.ready) { boot.pending = button.getAttribute(NAMES.ACTION_ATTRIBUTE); }
    });
    document.body.appendChild(root);
    return root;
  }

  // Python's verdict on this cookie, if it still holds for this build and config.
  function storedVerdict(cookie) {
    var verdict = null, now = Date.now();
    try {
      verdict = JSON.parse(localStorage.getItem(NAMES.REPLAY_KEY));
    } catch (error) {
      return null;  // storage blocked or garbled: Python decides
    }
    var holds = verdict && verdict.key === boot.replayKey && verdict.cookie === cookie
      && verdict.from <= now && now < verdict.until;
    return holds ? verdict : null;
  }

  // Make blocked elements live: media at once, scripts one after another, each
  // external one loaded before the next, so a tag and the inline code that
  // configures it run in document order. All are marked done first, so nothing
  // runs twice whoever asks next. Calls `then` once the last script is in.
  function run(nodes, then) {
    var scripts = [];
    nodes.forEach(function (node) {
      node.setAttribute(NAMES.DONE_ATTRIBUTE, "");
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
      var blocked = document.querySelectorAll(NAMES.BLOCKED_SELECTOR);
      run([].filter.call(blocked, function (node) {
        return !node.hasAttribute(NAMES.DONE_ATTRIBUTE) && unlocks(
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

  var cookie = readCookie(document.cookie, config.cookie.name);
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
