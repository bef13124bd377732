/* The loader's copies of Python rules, pure functions over plain values.
 *
 * The loader must act before Python runs, so these few rules exist twice.
 * Each names the Python it mirrors; tests/banner/test_loader_rules.py runs
 * this file in V8 beside that Python over one table of inputs, so the two
 * cannot drift apart. The build writes this file into banner/loader.js.
 */

// banner/language.py's match_language: "nl", "NL", "nl-BE", "nl_NL" -> "nl".
function matchLanguage(tag, available) {
  if (typeof tag !== "string") { return null; }
  tag = tag.trim().toLowerCase().replace(/_/g, "-");
  var candidates = [tag, tag.split("-")[0]];
  for (var i = 0; i < candidates.length; i++) {
    if (candidates[i] && available.indexOf(candidates[i]) >= 0) { return candidates[i]; }
  }
  return null;
}

// banner/language.py's choose_language: the first hint offered, else the default.
function chooseLanguage(hints, available, fallback) {
  for (var i = 0; i < hints.length; i++) {
    var lang = matchLanguage(hints[i], available);
    if (lang) { return lang; }
  }
  return fallback;
}

// banner/cookie.py's read_cookie: the raw value of cookie `name`, or null.
function readCookie(header, name) {
  var parts = (header || "").split(";");
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i].trim(), at = part.indexOf("=");
    if (at >= 0 && part.slice(0, at) === name) { return part.slice(at + 1); }
  }
  return null;
}

// banner/activation.py's should_activate on a page load: no "!" name is ever
// in a choice, so those elements (and unknown ones) stay blocked.
function unlocks(choice, category, service) {
  var services = Object.prototype.hasOwnProperty.call(choice, category) ? choice[category] : null;
  return services !== null && (!service || services.indexOf(service) >= 0);
}

// banner/consent.py's accepted_category and accepted_service, over the verdict's
// choice: what CookieConsent answers on a page Python has not run on.
function acceptedCategory(choice, name) {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(choice, name);
}

function acceptedService(choice, service, category) {
  return acceptedCategory(choice, category) && choice[category].indexOf(service) >= 0;
}
