"""The banner's stylesheet, scoped under ``#cc-main`` so host pages keep theirs.

The site config's theme (see ``theme_config``) arrives as CSS custom
properties named as in vanilla-cookieconsent v3 (``--cc-btn-primary-bg``),
one set per colour scheme, and as classes on ``#cc-main`` for where the first
layer sits. The focus ring takes the text colour, which the theme's
validation holds at 4.5:1 on the banner's background (WCAG 1.4.11 asks 3:1);
on the host page, the settings button rings itself in the background colour
first. Accept and reject share one class on purpose: equal weight for
both choices is a legal requirement (EDPB 2023 banner report), not a design
preference, so no variable or class can tell them apart.
"""

from banner.names import WORKING_CLASS

RULES = """
#cc-main{
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--cc-primary-color);
position:relative;z-index:2147483000}
#cc-main *{box-sizing:border-box}
#cc-main [hidden]{display:none!important}
#cc-main .cc-box{position:fixed;left:1rem;bottom:1rem;max-width:38rem;width:calc(100% - 2rem);
background:var(--cc-bg);border:1px solid var(--cc-separator-border-color);border-radius:12px;padding:1.25rem;
box-shadow:0 8px 32px rgba(0,0,0,.18)}
#cc-main h2{font-size:1.1rem;margin:0 0 .5rem;line-height:1.3}
#cc-main h2,#cc-main h3,#cc-main th,#cc-main td,#cc-main summary,#cc-main label{color:var(--cc-primary-color)}
#cc-main p{margin:0 0 .75rem;color:var(--cc-secondary-color)}
#cc-main a{color:inherit;text-decoration:underline}
#cc-main .cc-note{color:var(--cc-primary-color);font-weight:600;border-left:4px solid var(--cc-btn-primary-bg);padding-left:.5rem}
#cc-main .cc-links{font-size:.875rem;display:flex;gap:1rem;margin-bottom:1rem}
#cc-main .cc-actions{display:flex;flex-wrap:wrap;gap:.5rem}
#cc-main .cc-pair{display:flex;gap:.5rem;flex:2 1 16rem}
#cc-main button{font:inherit;font-weight:600;cursor:pointer;border-radius:8px;min-height:44px;
padding:.6rem 1rem;border:2px solid transparent}
#cc-main .cc-choice{flex:1 1 0;background:var(--cc-btn-primary-bg);color:var(--cc-btn-primary-color)}
#cc-main .cc-secondary{flex:1 1 8rem;background:var(--cc-btn-secondary-bg);color:var(--cc-btn-secondary-color);
border-color:var(--cc-separator-border-color)}
#cc-main button:focus-visible,#cc-main input:focus-visible,#cc-main summary:focus-visible,
#cc-main a:focus-visible{outline:3px solid var(--cc-primary-color);outline-offset:2px}
#cc-main [tabindex="-1"]:focus{outline:none}
#cc-main .cc-overlay{position:fixed;inset:0;background:rgba(10,14,24,.55);display:flex;
align-items:center;justify-content:center;padding:1rem}
#cc-main .cc-pm{background:var(--cc-bg);border-radius:12px;width:100%;max-width:42rem;
max-height:calc(100vh - 2rem);display:flex;flex-direction:column;box-shadow:0 8px 40px rgba(0,0,0,.3)}
#cc-main .cc-pm-head{display:flex;justify-content:space-between;align-items:center;gap:1rem;
padding:1rem 1.25rem;border-bottom:1px solid var(--cc-separator-border-color)}
#cc-main .cc-pm-head h2{margin:0}
#cc-main .cc-close{background:var(--cc-btn-secondary-bg);color:var(--cc-btn-secondary-color);min-width:44px}
#cc-main .cc-pm-body{overflow:auto;padding:1rem 1.25rem}
#cc-main .cc-pm-foot{padding:1rem 1.25rem;border-top:1px solid var(--cc-separator-border-color)}
#cc-main .cc-cat{border:1px solid var(--cc-separator-border-color);border-radius:8px;padding:.75rem 1rem;margin-bottom:.75rem}
#cc-main .cc-cat-head{display:flex;justify-content:space-between;align-items:center;gap:1rem}
#cc-main .cc-cat-head h3{font-size:1rem;margin:0}
#cc-main .cc-cat p{margin:.5rem 0}
#cc-main .cc-switch{display:inline-flex;align-items:center;gap:.5rem;cursor:pointer;min-height:24px}
#cc-main .cc-switch input{appearance:none;-webkit-appearance:none;margin:0;width:44px;height:24px;
border-radius:12px;background:var(--cc-toggle-off-bg);position:relative;cursor:pointer;flex:none}
#cc-main .cc-switch input::after{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;
border-radius:50%;background:#fff;transition:transform .15s}
#cc-main .cc-switch input:checked{background:var(--cc-toggle-on-bg)}
#cc-main .cc-switch input:checked::after{transform:translateX(20px)}
#cc-main .cc-switch input:disabled{opacity:.7;cursor:not-allowed}
#cc-main .cc-always{font-size:.875rem;font-weight:600}
#cc-main details{margin-top:.25rem}
#cc-main summary{cursor:pointer;font-weight:600;min-height:24px}
#cc-main .cc-service{margin:.5rem 0 .25rem}
#cc-main .cc-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
#cc-main .cc-table-wrap{overflow-x:auto}
#cc-main table{border-collapse:collapse;width:100%;font-size:.8125rem;margin:.25rem 0 .5rem}
#cc-main th,#cc-main td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--cc-separator-border-color);
vertical-align:top}
#cc-main .cc-settings{position:fixed;left:1rem;bottom:1rem;min-height:44px;border-radius:22px;
background:var(--cc-btn-secondary-bg);color:var(--cc-btn-secondary-color);border-color:var(--cc-separator-border-color);
box-shadow:0 2px 10px rgba(0,0,0,.2);font-size:.875rem}
#cc-main .cc-settings:focus-visible{box-shadow:0 0 0 5px var(--cc-bg)}
#cc-main.cc-pos-bottom-right .cc-box,#cc-main.cc-pos-bottom-right .cc-settings,
#cc-main.cc-pos-top-right .cc-box,#cc-main.cc-pos-top-right .cc-settings{left:auto;right:1rem}
#cc-main.cc-pos-top-left .cc-box,#cc-main.cc-pos-top-right .cc-box{top:1rem;bottom:auto}
#cc-main.cc-layout-box .cc-box{left:1rem;right:1rem;width:auto;margin:0 auto}
#cc-main.cc-layout-bar .cc-box{left:0;right:0;bottom:0;width:auto;max-width:none;border-radius:0;
border-width:1px 0 0;padding:1rem max(1.25rem,calc(50% - 30rem))}
#cc-main.cc-pos-top .cc-box{top:0;bottom:auto;border-width:0 0 1px}
@media (max-width:480px){#cc-main .cc-box{left:.5rem;bottom:.5rem;width:calc(100% - 1rem);padding:1rem}
#cc-main.cc-pos-bottom-right .cc-box,#cc-main.cc-pos-top-right .cc-box{right:.5rem}
#cc-main.cc-pos-top-left .cc-box,#cc-main.cc-pos-top-right .cc-box{top:.5rem}
#cc-main.cc-layout-box .cc-box{left:.5rem;right:.5rem}
#cc-main .cc-pair{flex-basis:100%}#cc-main .cc-overlay{padding:.5rem}}
@media (prefers-reduced-motion:reduce){#cc-main *,#cc-main *::before,#cc-main *::after{transition:none!important;animation:none!important}}
"""
# A choice pressed on the painted layer, waiting for Python to save it
# (banner/loader.js): its buttons dim, and stay there until it is saved.
WORKING = f"#cc-main .{WORKING_CLASS} .cc-actions{{opacity:.5;cursor:progress}}\n"


def css_variable(key: str) -> str:
    """``btnPrimaryBg`` -> ``--cc-btn-primary-bg``: config keys are vanilla's variables."""
    return "--cc-" + "".join("-" + ch.lower() if ch.isupper() else ch for ch in key)


def _declarations(palette: dict) -> str:
    # The colours were validated as #rrggbb, so nothing but a colour reaches the CSS.
    return "".join(css_variable(key) + ":" + colour + ";" for key, colour in palette.items())


def stylesheet(theme: dict) -> str:
    """The whole stylesheet for a parsed theme: its colours per scheme, then the rules.

    The colours sit under ``:where(#cc-main)``, which weighs nothing, so a page's
    own ``#cc-main { --cc-bg: … }`` (vanilla's documented way) wins wherever it is.
    """
    colors = theme["colors"]
    return (
        ":where(#cc-main){" + _declarations(colors["light"]) + "}\n"
        "@media (prefers-color-scheme:dark){:where(#cc-main){"
        + _declarations(colors["dark"])
        + "}}"
        + RULES
        + WORKING
    )


def position_classes(theme: dict) -> str:
    """Classes for ``#cc-main``, e.g. ``cc-layout-bar cc-pos-top``, that place the consent modal."""
    modal = theme["consentModal"]
    return "cc-layout-" + modal["layout"] + " cc-pos-" + modal["position"].replace(" ", "-")


def at_top(theme: dict) -> bool:
    """A layer at the top covers the start of the page instead of its end."""
    return theme["consentModal"]["position"].startswith("top")
