// Run in a page after it settled: what the audit reads from the DOM.
// Argument: the URLs of the page's requests, to name the element behind each.
(urls) => {
  const tag = (el) => {
    const html = el.outerHTML;
    const end = html.indexOf(">") + 1;
    return (end > 0 ? html.slice(0, end) : html).slice(0, 300);
  };
  const sourceOf = (el) => el.currentSrc || el.src || el.href || el.data || el.getAttribute("data-src") || "";
  const byUrl = {};
  for (const el of document.querySelectorAll("[src], [href], object[data], [srcset]")) {
    const src = sourceOf(el);
    if (src && urls.includes(src) && !(src in byUrl)) byUrl[src] = tag(el);
  }
  const noscript = [];
  for (const ns of document.querySelectorAll("noscript")) {
    const doc = new DOMParser().parseFromString(ns.textContent, "text/html");
    for (const el of doc.querySelectorAll("img[src], iframe[src], script[src], link[href]")) {
      const raw = el.getAttribute("src") || el.getAttribute("href");
      noscript.push({ url: new URL(raw, location.href).href, element: "<noscript>" + tag(el) });
    }
  }
  const markup = [...document.querySelectorAll("[data-category], [data-service]")].map((el) => ({
    category: el.getAttribute("data-category"),
    service: el.getAttribute("data-service"),
    element: tag(el),
  }));
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href.split("#")[0]);
  const keys = (store) => { try { return Object.keys(store); } catch (e) { return []; } };
  return {
    elements: byUrl, noscript, markup, links,
    storage: { localStorage: keys(localStorage), sessionStorage: keys(sessionStorage) },
  };
}
