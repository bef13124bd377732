"""``consent.js``: the loader a site embeds, as the server receives it to fill in.

Three inputs, written into one script: ``banner/loader.js`` (the DOM work),
``banner/loader_rules.js`` (its copies of Python rules, tested against that
Python) at ``__BUILD_RULES__``, and ``banner/names.py`` (the names both
languages spell alike), each ``NAMES.X`` becoming that name's literal. The
server's slots (``server.bundle.asset.SLOTS``) must each survive minifying
exactly once, as the server fills them by text.
"""

import json
import re
from pathlib import Path

from banner import names
from bundler.errors import BuildError
from bundler.minify import Minifier
from bundler.no_eval import Checker
from server.bundle.asset import SLOTS

BANNER = Path(__file__).resolve().parent.parent / "banner"
LOADER = BANNER / "loader.js"
RULES = BANNER / "loader_rules.js"
RULES_SLOT = "__BUILD_RULES__;"
NAME_REFERENCE = re.compile(r"\bNAMES\.([A-Za-z_]\w*)")
# Raw bytes, minified, before the server fills in the site: it runs before
# anything else on the host page and must stay tiny. It is the whole banner on
# pages where Python never starts (a returning visitor's, a first visit nobody
# has touched yet), hence 8.2 KB, about 2.7 KB brotli.
LOADER_BUDGET = 8_200


def shared_names() -> dict:
    return {key: value for key, value in vars(names).items() if key.isupper()}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def with_names(source: str, file: Path = LOADER) -> str:
    """``source`` with each ``NAMES.X`` replaced by banner/names.py's X as a JS literal."""
    known = shared_names()
    unknown = next((m for m in NAME_REFERENCE.finditer(source) if m[1] not in known), None)
    if unknown:
        message = f"NAMES.{unknown[1]} is not in banner/names.py"
        raise BuildError(message, file, _line_of(source, unknown.start()))
    return NAME_REFERENCE.sub(lambda m: json.dumps(known[m[1]]), source)


def source_text(loader: Path = LOADER, rules: Path = RULES) -> str:
    """The loader before minifying: rules and names written in."""
    source = loader.read_text(encoding="utf-8")
    if source.count(RULES_SLOT) != 1:
        raise BuildError(f"must hold {RULES_SLOT} once, where the rules go", loader)
    # Names first, each file on its own, so an error gives the line in that file.
    return with_names(source, loader).replace(
        RULES_SLOT, with_names(rules.read_text(encoding="utf-8"), rules)
    )


def _check_slots(text: str, file: Path) -> None:
    missing = [slot for slot in SLOTS if text.count(slot) != 1]
    if missing:
        raise BuildError(f"must hold each of {', '.join(missing)} once", file)


def loader_text(loader: Path = LOADER, minifier: Minifier | None = None) -> str:
    """The loader as sent: minified, each slot in it once, within budget."""
    source = source_text(loader)
    _check_slots(source, loader)
    text = (minifier or Minifier()).loader(source, str(loader))
    _check_slots(text, loader)  # terser kept every literal the server fills in
    Checker().check(text, loader)
    size = len(text.encode())
    if size > LOADER_BUDGET:
        raise BuildError(f"minified, it is {size} bytes, budget {LOADER_BUDGET}", loader)
    return text
