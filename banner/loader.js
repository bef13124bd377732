/* consent.js: the one script a site embeds.
 *
 * A small script that runs at once: it hands the site config to the banner,
 * and loads the Brython runtime with the precompiled banner from a
 * content-hashed, immutable URL. Before that runtime starts, it does one of
 * two things Python has already decided: on a first visit it paints the first
 * layer from HTML the server rendered with the banner's own Python
 * (banner/markup.py), keeping any click for Python; for a returning visitor
 * it replays Python's verdict on this very cookie (banner/replay.py), so the
 * consented tools need not wait for Python. On both, Python does not start
 * until something needs it: on a first visit, the visitor's first input.
 * Anything else waits for Python.
 *
 * window.CookieConsent is the loader's from the start: its read methods
 * answer from the verdict Python left, its other methods are kept in order
 * for Python and start it. A press on the painted layer shows at once that
 * it is being saved; it is never shown as saved before Python saved it.
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
    run: run,  // Python's banner/host_page.py hands over the elements it unlocked
    fail: function () { fail(); },  // the runtime could not start
    pending: null,  // data-cc-action of a click on the painted layer
    calls: [],  // [method, arguments] of CookieConsent calls and data-cc clicks, for Python
    announced: false,  // the loader fired cc:onReady (a replayed page, a painted first visit)
    starting: false,  // set by Python as it starts; from then on it reports failure itself
    runConsent: false,  // the loader called a run() config's onConsent (a replayed page)
    shown: false,  // the loader announced the consent modal it painted (cc:onModalShow)
    ready: false    // set by Python once its own handlers answer
  };

  // What the read methods answer: Python's verdict while it still holds.
  function held() {
    var cookie = readCookie(document.cookie, config.cookie.name);
    return cookie === null ? null : storedVerdict(cookie);
  }
  var answers = {
    acceptedCategory: function (name) {
      var verdict = held();
      return verdict !== null && acceptedCategory(verdict.choice, name);
    },
    acceptedService: function (service, category) {
      var verdict = held();
      return verdict !== null && acceptedService(verdict.choice, service, category);
    },
    validConsent: function () { return held() !== null; },
    getUserPreferences: function () {
      var verdict = held();
      return verdict ? verdict.answers.preferences : consentModal.noConsent;
    },
    getCookie: function (field) {  // as vanilla: {} without consent, undefined for a field
      var verdict = held();
      var cookie = verdict ? verdict.answers.cookie : {};
      if (field === undefined || field === null) { return cookie; }
      return Object.prototype.hasOwnProperty.call(cookie, field) ? cookie[field] : undefined;
    },
    validCookie: function (name) { return !!readCookie(document.cookie, name); },
    getConfig: function (field) {  // a copy, as Python's is
      var shape = JSON.parse(JSON.stringify(consentModal.vanillaConfig));
      return field === undefined || field === null ? shape : shape[field];
    }
  };
  var api = window.CookieConsent = {};
  NAMES.READ_METHODS.forEach(function (name) { api[name] = answers[name]; });
  NAMES.DEFERRED_METHODS.forEach(function (name) {
    api[name] = function () {
      var call = [name, [].slice.call(arguments)];
      boot.calls.push(call);
      if (name === "run") {  // it only keeps the page's config, and resolves as vanilla's
        callBack(arguments[0], announced);
        return Promise.resolve();
      }
      loadRuntime();
      if (name === "setLanguage" || name === "loadScript") {  // Python resolves these
        return new Promise(function (resolve) {
          if (failed) { resolve(false); } else { call.push(resolve); }  // no Python to ask
        });
      }
    };
  });

  // The events the loader sent for Python, [name, detail] (after cc:onReady). A
  // page's run() callbacks hear them as vanilla's would, whether run() came
  // before or after; Python sends every later event and registers the callbacks
  // for those.
  var announced = [];
  function callBack(options, events) {
    events.forEach(function (sent) {
      var callback = options && options[sent[0].slice(3)];  // "cc:onConsent": onConsent
      if (typeof callback !== "function") { return; }
      if (sent[0] === "cc:onConsent") { boot.runConsent = true; }  // Python does not repeat it
      callback(sent[1]);
    });
  }
  document.addEventListener("click", function (event) {
    var trigger = !boot.ready && event.target.closest
      && event.target.closest("[" + NAMES.TRIGGER_ATTRIBUTE + "]");
    var name = trigger && trigger.getAttribute(NAMES.TRIGGER_ATTRIBUTE);
    if (name && NAMES.TRIGGERS.indexOf(name) >= 0) {
      event.preventDefault();
      boot.calls.push(["trigger", [name]]);
      loadRuntime();
    }
  });

  function event(name, detail) {
    window.dispatchEvent(new CustomEvent(name, {detail: detail}));
  }

  // The loader announces its page as Python would: ready, then the stored consent
  // (a replayed page) or the consent modal being shown (a first visit).
  function announce(events) {
    boot.announced = true;
    var queue = window.CookieConsentQueue || [];
    window.CookieConsentQueue = {push: function (callback) { callback(api); }};
    queue.forEach(function (callback) { callback(api); });
    event("cc:onReady", {});
    events.forEach(function (sent) { event(sent[0], sent[1]); });
    announced = events;
    boot.calls.forEach(function (call) {
      if (call[0] === "run") { callBack(call[1][0], events); }
    });
  }

  function language() {
    var hints = [boot.lang, document.documentElement.lang, navigator.language];
    return chooseLanguage(hints, config.languages, config.defaultLanguage);
  }

  // The banner's root with Python's markup: the consent modal, or the settings button.
  function paint(html) {
    if (document.getElementById(NAMES.ROOT_ID)) { return; }
    element("style", {id: NAMES.STYLE_ID}).textContent = consentModal.css;
    var root = document.createElement("div");
    root.id = NAMES.ROOT_ID;
    root.className = consentModal.classes;
    root.innerHTML = html[language()];
    root.querySelectorAll("a[href]").forEach(function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), src).href);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[" + NAMES.ACTION_ATTRIBUTE + "]");
      if (button && !boot.ready) { press(button.getAttribute(NAMES.ACTION_ATTRIBUTE)); }
    });
    document.body.appendChild(root);
    return root;
  }

  // A press before Python runs: kept for Python, which starts now. A choice shows
  // at once that it is being saved, and survives following a link at once: the
  // next page hands it to Python (sessionStorage, this tab only).
  function press(action) {
    boot.pending = action;
    var box = document.getElementById(NAMES.CONSENT_MODAL_ID);
    if (box && !failed && NAMES.CHOICE_ACTIONS.indexOf(action) >= 0) {
      box.classList.add(NAMES.WORKING_CLASS);
      box.setAttribute("aria-busy", "true");
      try { sessionStorage.setItem(NAMES.PENDING_KEY, action); } catch (error) { /* tab-only */ }
    }
    loadRuntime();
  }

  // The runtime did not start (blocked, offline, an error): nothing was saved, so
  // nothing may look saved. The layer stays, as it was before the press.
  var failed = false, carried = null;
  function fail() {
    failed = true;
    boot.pending = null;
    boot.calls.forEach(function (call) { if (call[2]) { call[2](false); } });  // not switched, not loaded
    try { sessionStorage.removeItem(NAMES.PENDING_KEY); } catch (error) { /* tab-only */ }
    var box = document.getElementById(NAMES.CONSENT_MODAL_ID);
    if (box) {
      box.classList.remove(NAMES.WORKING_CLASS);
      box.removeAttribute("aria-busy");
    } else if (carried) {
      afterFirstPaint(paintFirstLayer);  // a choice carried over from the page before: ask again
    }
  }

  // A decision Python could not get to the ledger yet (banner/ledger_client.py).
  function unsent() {
    try { return localStorage.getItem(NAMES.UNSENT_KEY) !== null; } catch (error) { return false; }
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

  function replay(verdict) {
    boot.replayed = true;
    // Its commands open with the default, which went out before the cookie was read.
    verdict.gtag.slice(consentModal.consentDefault.length).forEach(function (command) {
      boot.gtag.apply(null, command);
    });
    whenParsed(function () {
      var blocked = document.querySelectorAll(NAMES.BLOCKED_SELECTOR);
      run([].filter.call(blocked, function (node) {
        return !node.hasAttribute(NAMES.DONE_ATTRIBUTE) && unlocks(
          verdict.choice, node.getAttribute("data-category"), node.getAttribute("data-service"));
      }), function () { announce([["cc:onConsent", {cookie: verdict.answers.cookie}]]); });
      // The settings button and its stylesheet in a task of their own: the consented
      // tools above need not wait for the style work (about 10 ms at 4× CPU).
      nextFrame(function () { paint(consentModal.settings); });
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
      // Inserted scripts run async. It starts in slices (bundler/slices.py), which
      // call boot.fail() if it cannot.
      element("script", {src: runtimeUrl}).onerror = fail;
    }
  }

  function whenParsed(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  // Brython's start-up holds the main thread for a while and weighs ~180 KB, so
  // the runtime is fetched and run only when something needs Python. First
  // visit: the visitor's first input anywhere on the page (a pointer moving or
  // pressing, a key, a wheel, a touch): by the time a press on the layer comes,
  // the runtime is on its way, and a page nobody touches (a visitor who reads
  // and leaves, Lighthouse) pays nothing. Python then adds what the painted
  // layer lacks for a page being used: room to scroll the page's end clear of
  // the layer, and focus kept clear of it.
  var INPUTS = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart"];
  var input = false;  // the first input came before the cookie was read
  function listen(on) {
    INPUTS.forEach(function (name) {
      if (on) { window.addEventListener(name, start, {capture: true, passive: true}); }
      else { window.removeEventListener(name, start, true); }
    });
  }
  function start() {
    listen(false);
    if (!read) { input = true; return; }  // decide() starts it, if it is a first visit
    begin();  // an input before the page's first frame: the layer paints now
    loadRuntime();
  }
  // The page's first frame, then the layer's: a layer painted at
  // DOMContentLoaded delayed the page's own first paint by ~25 ms. (A task
  // queued from an animation frame runs after that frame.) A hidden tab has no
  // frames, so it paints at once.
  function nextFrame(callback) {
    if (document.visibilityState !== "visible") { return callback(); }
    requestAnimationFrame(function () { setTimeout(callback, 0); });
  }
  function afterFirstPaint(callback) {
    whenParsed(function () { nextFrame(callback); });
  }
  function paintFirstLayer() {
    var root = paint(consentModal.html);
    if (root) {
      // Until Python runs, the browser itself keeps focus clear of the layer: a
      // keyboard visitor's first Tabs come before Python does. The layer is
      // measured and focused once it is laid out: either here would lay the page
      // out in this task (focus did: 30 ms of 80 at 4× CPU). A Tab pressed
      // before then starts from the layer, as if it had been focused here.
      var box = root.firstChild, before = document.activeElement;
      function focus() {
        window.removeEventListener("keydown", early, true);
        if (box.isConnected && document.activeElement === before) { box.focus({preventScroll: true}); }
      }
      function early(event) { if (event.key === "Tab") { focus(); } }
      window.addEventListener("keydown", early, true);
      nextFrame(function () {
        focus();
        if (!box.isConnected) { return; }  // Python took it away already
        document.documentElement.style.setProperty(
          NAMES.SCROLL_PADDING[consentModal.atTop ? 0 : 1],
          box.offsetHeight + NAMES.FOCUS_MARGIN + "px");
      });
      document.documentElement.classList.add("show--consent");  // vanilla's, for site CSS
      boot.shown = true;
      announce([
        ["cc:onModalReady", {modalName: "consentModal", modal: box}],
        ["cc:onModalShow", {modalName: "consentModal"}]
      ]);
    }
  }

  // Consent Mode's default goes out at once, before any tag can read it.
  consentModal.consentDefault.forEach(function (command) { boot.gtag.apply(null, command); });
  var cookie = null, read = false, plain = false, begun = false;
  function decide(value) {
    cookie = value;
    read = true;
    var verdict = cookie === null ? null : storedVerdict(cookie);
    // The plain first visit paints; a notice (revision, privacy signal) is Python's.
    plain = cookie === null && navigator.globalPrivacyControl !== true && boot.secGpc !== true;
    if (!plain) { listen(false); }
    if (verdict) {
      if (unsent()) { loadRuntime(); }  // a decision the ledger has not answered yet
      replay(verdict);  // with Python's Consent Mode commands for this choice
    } else if (!plain) {
      begin();  // Python decides: the runtime loads now
    } else if (input) {
      start();  // an input came while the cookie was read
    } else {
      // On a plain first visit storage waits for the page's first frame: the first
      // read of each storage area costs 4-6 ms at 4× CPU, on the page's way to paint.
      afterFirstPaint(begin);
    }
  }
  function begin() {
    if (begun) { return; }
    begun = true;
    // Pressed on the page before, not yet saved: Python saves it without asking again.
    // A stored cookie means it was saved, so storage is not read for it.
    try { carried = cookie === null && sessionStorage.getItem(NAMES.PENDING_KEY); } catch (error) { /* tab-only */ }
    boot.pending = carried = NAMES.CHOICE_ACTIONS.indexOf(carried) >= 0 ? carried : null;
    if (!plain || carried || unsent()) { loadRuntime(); }  // unsent: a decision the ledger lacks
    if (plain && !carried) { paintFirstLayer(); }
  }
  // Input is listened for at once, so an input before the cookie is read or
  // before the page's first frame is not lost. The cookie is read off the main
  // thread where the browser can (the Cookie Store API): document.cookie is a
  // synchronous call to the network process, 12 ms at 4× CPU here, on the
  // page's way to its first paint. cookieStore.get answers the first cookie of
  // that name, as readCookie does. But asked while the page is being parsed,
  // it answered only 40 ms after DOMContentLoaded at 4× CPU, and that is when
  // a returning visitor's tools are due (vanilla runs them then). So a cookie
  // not answered by DOMContentLoaded is read from document.cookie there, and
  // the later answer, the same cookie, is dropped. (Asked after it, the answer
  // came in 20 ms.)
  listen(true);
  function readSync() {
    if (!read) { decide(readCookie(document.cookie, config.cookie.name)); }
  }
  if (window.cookieStore) {
    cookieStore.get(config.cookie.name).then(function (found) {
      if (!read) { decide(found ? found.value : null); }
    }, readSync);
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", readSync);
    }
  } else {
    readSync();
  }
})();
