/*
 * Demo stand-in for Google's gtag.js, served by the local fake tracker.
 * Like the real tag it works through the dataLayer queue, sets the first-party
 * cookies _ga, _gid and _ga_<stream> on the host page, and sends a page view
 * to /collect on its own origin for every `config` command.
 */
(function () {
  "use strict";

  var TWO_YEARS = 2 * 365 * 24 * 3600;
  var ONE_DAY = 24 * 3600;

  var script = document.currentScript;
  if (!script) {
    var candidates = document.querySelectorAll('script[src*="/gtag/js"]');
    script = candidates[candidates.length - 1];
  }
  var scriptUrl = new URL(script ? script.src : "/gtag/js", location.href);
  var trackerOrigin = scriptUrl.origin;
  var defaultId = scriptUrl.searchParams.get("id") || "G-DEMO";

  window.dataLayer = window.dataLayer || [];
  if (typeof window.gtag !== "function") {
    window.gtag = function () { window.dataLayer.push(arguments); };
  }
  if (window.dataLayer.demoGtagLoaded) {
    return;  // a second copy of the tag must not count every page view twice
  }
  window.dataLayer.demoGtagLoaded = true;
  window.demoGtagPageViews = window.demoGtagPageViews || 0;

  var now = Math.floor(Date.now() / 1000);

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) {
        return parts[i].slice(eq + 1);
      }
    }
    return null;
  }

  function writeCookie(name, value, maxAge) {
    document.cookie = name + "=" + value + "; max-age=" + maxAge + "; path=/; SameSite=Lax";
  }

  function randomNumber() {
    return Math.floor(Math.random() * 2147483647);
  }

  function clientId() {
    var ga = readCookie("_ga");
    if (!ga || !/^GA1\.\d\.\d+\.\d+$/.test(ga)) {
      ga = "GA1.1." + randomNumber() + "." + now;
    }
    writeCookie("_ga", ga, TWO_YEARS);
    var gid = readCookie("_gid");
    if (!gid) {
      gid = "GA1.1." + randomNumber() + "." + now;
    }
    writeCookie("_gid", gid, ONE_DAY);
    return ga.split(".").slice(2).join(".");
  }

  function sessionStart(measurementId) {
    var name = "_ga_" + measurementId.replace(/^G-/, "");
    var session = readCookie(name);
    var started = session ? session.split(".")[2] : String(now);
    writeCookie(name, "GS1.1." + started + ".1.1." + now + ".0.0.0", TWO_YEARS);
    return started;
  }

  function send(params) {
    var query = Object.keys(params).map(function (key) {
      return encodeURIComponent(key) + "=" + encodeURIComponent(params[key]);
    }).join("&");
    var beacon = new Image(1, 1);
    beacon.src = trackerOrigin + "/collect?" + query;
  }

  function hit(measurementId, eventName, extra) {
    var params = {
      v: "2",
      tid: measurementId,
      cid: clientId(),
      sid: sessionStart(measurementId),
      en: eventName,
      dl: location.href,
      dt: document.title,
      dr: document.referrer,
      ul: navigator.language || "",
      _z: randomNumber()
    };
    for (var key in extra || {}) {
      params["ep." + key] = extra[key];
    }
    send(params);
  }

  var configured = [];

  function processCommand(command) {
    if (!command || typeof command.length !== "number" || command.length === 0) {
      return;  // plain objects pushed by other scripts are not gtag commands
    }
    var name = command[0];
    if (name === "config") {
      var measurementId = String(command[1] || defaultId);
      configured.push(measurementId);
      hit(measurementId, "page_view");
      window.demoGtagPageViews += 1;
    } else if (name === "event") {
      var ids = configured.length ? configured : [defaultId];
      for (var i = 0; i < ids.length; i++) {
        hit(ids[i], String(command[1]), command[2]);
      }
    }
  }

  var queue = window.dataLayer;
  for (var i = 0; i < queue.length; i++) {
    processCommand(queue[i]);
  }
  var push = queue.push;
  queue.push = function () {
    var length = push.apply(queue, arguments);
    for (var j = 0; j < arguments.length; j++) {
      processCommand(arguments[j]);
    }
    return length;
  };
})();
