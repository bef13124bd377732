"""The host page the page-speed benchmarks load, in four variants and two controls,
and vanilla's config.

Pure: strings in, strings out. The page is demo-site-like (header, text, an
image of fixed size, the demo site's stylesheet) and holds the same consented
script in every variant, so both banners have the same markup to activate.
"""

import json

from banner.config import localize

NONE = "none"
VANILLA = "vanilla"
OURS = "ours"
# The same banner from the same server, named by the host page's own site, as
# a site that serves it from a subdomain of its own has it. Chromium runs an
# async script of another site at low priority: after the page's
# DOMContentLoaded, where one of the page's own site runs as it arrives.
OURS_SAME_SITE = "ours-same-site"
OUR_VARIANTS = (OURS, OURS_SAME_SITE)
VARIANTS = (NONE, VANILLA, *OUR_VARIANTS)
# make bench-paint's controls: what any async script costs the page, a banner or
# not, from another site (vanilla's origin) and from the page's own, as ours come.
EMPTY_SCRIPT = "empty-script"
EMPTY_SCRIPT_SAME_SITE = "empty-script-same-site"
CONTROLS = {OURS: EMPTY_SCRIPT, OURS_SAME_SITE: EMPTY_SCRIPT_SAME_SITE}
EMPTY_SCRIPT_PATH = "/empty.js"
LABELS = {
    NONE: "no banner",
    VANILLA: "vanilla-cookieconsent 3.1.0",
    OURS: "this banner",
    OURS_SAME_SITE: "this banner, same site",
    EMPTY_SCRIPT: "an empty async script",
    EMPTY_SCRIPT_SAME_SITE: "an empty async script, same site",
}

# What "Accept all" is in each banner's markup.
ACCEPT_ALL = {
    VANILLA: '#cc-main .cm__btn[data-role="all"]',
    OURS: '#cc-main button[data-cc-action="accept-all"]',
    OURS_SAME_SITE: '#cc-main button[data-cc-action="accept-all"]',
}

# Both banners activate this once analytics is accepted; the benchmark reads the stamp.
CONSENTED_SCRIPT = (
    '<script type="text/plain" data-category="analytics">'
    "window.__ccRan = performance.now()</script>"
)

PARAGRAPH = (
    "Flowmailer delivers transactional email for shops, banks and software companies: "
    "order confirmations, invoices and password resets reach the inbox within seconds, "
    "and every message can be traced from the API call to the recipient's mail server. "
)

HERO_SVG = """<svg xmlns="http://www.w3.org/2000/svg"
 width="640" height="360" viewBox="0 0 640 360">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="#3d6bff"/><stop offset="1" stop-color="#17c9a3"/>
</linearGradient></defs>
<rect width="640" height="360" rx="24" fill="url(#g)"/>
{bars}
<text x="40" y="70" font-family="sans-serif" font-size="32" fill="#fff">128.406 delivered</text>
</svg>
"""


def hero_svg() -> str:
    """A chart-like picture of a few kilobytes, drawn here so nothing is fetched."""
    heights = [38, 52, 45, 70, 64, 82, 76, 90, 72, 95, 88, 100, 84, 91, 67, 99]
    bars = "\n".join(
        f'<rect x="{40 + i * 36}" y="{320 - h * 2}" width="24" height="{h * 2}" rx="4" '
        f'fill="#fff" fill-opacity="{0.35 + i * 0.04:.2f}"/>'
        for i, h in enumerate(heights)
    )
    return HERO_SVG.format(bars=bars)


def vanilla_config(site: dict, lang: str, policy_url: str) -> dict:
    """vanilla-cookieconsent's ``run()`` options equivalent to our parsed site config.

    Same categories, services, cookie tables, texts, revision and cookie, so
    both banners render the same content and read the same ``cc_cookie``.
    """
    view = localize(site, lang)
    texts = view["texts"]
    headers = {k: texts["cookie" + k.title()] for k in ("name", "provider", "purpose", "lifetime")}
    categories, sections = {}, [{"description": texts["preferencesDescription"]}]
    for category in view["categories"]:
        services = category["services"]
        categories[category["id"]] = {
            "enabled": category["readOnly"],
            "readOnly": category["readOnly"],
            "services": {s["id"]: {"label": s["label"]} for s in services},
        }
        rows = [{k: c[k] for k in headers} for s in services for c in s["cookies"]]
        sections.append(
            {
                "title": category["title"],
                "description": category["description"],
                "linkedCategory": category["id"],
                "cookieTable": {"headers": headers, "body": rows},
            }
        )
    links = " · ".join(
        f'<a href="{policy_url}/{path}?lang={lang}" target="_blank">{texts[key]}</a>'
        for key, path in (("privacyPolicy", "privacy"), ("cookiePolicy", "cookies"))
    )
    choices = {"acceptAllBtn": texts["acceptAll"], "acceptNecessaryBtn": texts["rejectAll"]}
    return {
        "revision": view["revision"],
        # Playwright sets navigator.webdriver, which vanilla treats as a bot by default.
        "hideFromBots": False,
        "cookie": {
            "name": view["cookie"]["name"],
            "expiresAfterDays": view["cookie"]["expiresAfterDays"],
            "path": view["cookie"]["path"],
        },
        "categories": categories,
        "language": {
            "default": lang,
            "translations": {
                lang: {
                    "consentModal": {
                        "title": texts["consentTitle"],
                        "description": texts["consentDescription"],
                        "showPreferencesBtn": texts["preferences"],
                        "footer": links,
                        **choices,
                    },
                    "preferencesModal": {
                        "title": texts["preferencesTitle"],
                        "savePreferencesBtn": texts["save"],
                        "closeIconLabel": texts["close"],
                        "serviceCounterLabel": texts["servicesLabel"],
                        "sections": sections,
                        **choices,
                    },
                }
            },
        },
    }


def script_json(value: dict) -> str:
    """JSON that is safe inside an inline <script>."""
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/")


def banner_head(variant: str, consent_url: str, vendor_url: str, vanilla: dict) -> str:
    """Each banner embedded the way its documentation says."""
    if variant in OUR_VARIANTS:
        return f'<script src="{consent_url}/consent.js" async></script>'
    if variant == EMPTY_SCRIPT:
        return f'<script src="{vendor_url}{EMPTY_SCRIPT_PATH}" async></script>'
    if variant == EMPTY_SCRIPT_SAME_SITE:
        return f'<script src="{EMPTY_SCRIPT_PATH}" async></script>'
    if variant == VANILLA:
        return (
            f'<link rel="stylesheet" href="{vendor_url}/cookieconsent.css">\n'
            f'<script src="{vendor_url}/cookieconsent.umd.js" defer></script>\n'
            "<script>addEventListener('DOMContentLoaded', () => "
            f"CookieConsent.run({script_json(vanilla)}))</script>"
        )
    return ""


def page_html(variant: str, consent_url: str, vendor_url: str, vanilla: dict) -> str:
    """The host page: same content in every variant, only the banner differs."""
    sections = "\n".join(
        f"<section class='container'><h2>Part {n}</h2><p>{PARAGRAPH * 3}</p></section>"
        for n in range(1, 5)
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{banner_head(variant, consent_url, vendor_url, vanilla)}
<title>Transactional email | Flowmailer</title>
<link rel="stylesheet" href="/site.css">
{CONSENTED_SCRIPT}
</head>
<body>
<header class="site-header"><div class="container header-inner">
<a class="brand" href="/"><span class="brand-name">flowmailer</span></a>
<nav class="main-nav"><a href="/product">Product</a><a href="/contact">Contact</a></nav>
</div></header>
<main id="main">
<section class="hero"><div class="container hero-grid"><div>
<h1>Email that arrives, every time</h1>
<p class="lead">{PARAGRAPH}</p>
</div>
<img src="/hero.svg" width="640" height="360" style="max-width: 100%; height: auto"
 alt="Messages delivered per day">
</div></section>
{sections}
</main>
<footer class="site-footer"><div class="container"><p>Flowmailer B.V., Rotterdam</p></div></footer>
</body>
</html>
"""
