// Installed before any page script (context.add_init_script): reports every
// document.cookie write, storage write, sendBeacon, keepalive fetch and
// WebSocket, and every script-set src of an image, script or frame to the
// recorder's binding, with the script that made it.
(() => {
  if (window.__consentQaHooked) return;
  window.__consentQaHooked = true;
  const BINDING = "__consentQaReport";

  // The first frame of the stack that belongs to a page script: "url:line".
  const origin = () => {
    const lines = (new Error().stack || "").split("\n").slice(2);
    for (const line of lines) {
      const found = line.match(/(https?:\/\/[^\s()]+?):(\d+):\d+\)?\s*$/);
      if (found) return found[1] + ":" + found[2];
    }
    return "";
  };
  const report = (entry) => {
    const send = window[BINDING];
    if (typeof send === "function") send({ ...entry, source: origin() }).catch(() => {});
  };

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    enumerable: cookie.enumerable,
    get() { return cookie.get.call(this); },
    set(value) { report({ kind: "cookie", text: String(value) }); cookie.set.call(this, value); },
  });

  // Chromium names no script behind a resource whose element a timer added.
  const reportSrc = (value) => {
    try {
      report({ kind: "src", url: new URL(String(value), location.href).href });
    } catch (error) { /* not a URL: nothing will load */ }
  };
  for (const Element of [HTMLImageElement, HTMLScriptElement, HTMLIFrameElement]) {
    const src = Object.getOwnPropertyDescriptor(Element.prototype, "src");
    Object.defineProperty(Element.prototype, "src", {
      configurable: true,
      enumerable: src.enumerable,
      get() { return src.get.call(this); },
      set(value) { reportSrc(value); src.set.call(this, value); },
    });
  }
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "src") reportSrc(value);
    return setAttribute.call(this, name, value);
  };

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const area = this === window.sessionStorage ? "sessionStorage" : "localStorage";
    report({ kind: "storage", area, key: String(key) });
    return setItem.call(this, key, value);
  };

  if (Navigator.prototype.sendBeacon) {
    const sendBeacon = Navigator.prototype.sendBeacon;
    Navigator.prototype.sendBeacon = function (url, data) {
      report({ kind: "beacon", via: "sendBeacon", url: new URL(url, location.href).href });
      return sendBeacon.call(this, url, data);
    };
  }

  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const keepalive = (init && init.keepalive) || (input instanceof Request && input.keepalive);
    if (keepalive) {
      const url = input instanceof Request ? input.url : String(input);
      report({ kind: "beacon", via: "fetch keepalive", url: new URL(url, location.href).href });
    }
    return fetch.apply(this, arguments);
  };

  const NativeSocket = window.WebSocket;
  const Socket = function (url, protocols) {
    report({ kind: "beacon", via: "WebSocket", url: new URL(url, location.href).href });
    return protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
  };
  Socket.prototype = NativeSocket.prototype;
  Object.assign(Socket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Socket;
})();
