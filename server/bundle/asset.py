"""The two files ``make build`` leaves for the browser, as served.

``consent.js`` is the loader a site embeds: the build leaves JavaScript string
literals (``"__CC_SITE_CONFIG__"`` and its siblings) where the site config, the
consent modal's HTML, the runtime's URL, the key of the verdicts it may replay
and the ``Sec-GPC`` signal belong, so one build serves any site file.
``consent-runtime.js`` is the Brython runtime with the precompiled banner; it
is served under a content-hashed, immutable URL, already compressed by the
build. Rendering and compression run once per version of a
file, never per request. No Flask here: this module is plain Python, testable
without an app.
"""

import gzip
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a declared dependency
    brotli = None

# The loader's slots: string literals the server swaps for JSON (``render``).
SITE_CONFIG_SLOT = '"__CC_SITE_CONFIG__"'
SEC_GPC_SLOT = '"__CC_SEC_GPC__"'
CONSENT_MODAL_SLOT = '"__CC_CONSENT_MODAL__"'
RUNTIME_URL_SLOT = '"__CC_RUNTIME__"'
REPLAY_KEY_SLOT = '"__CC_REPLAY_KEY__"'
SLOTS = (SITE_CONFIG_SLOT, SEC_GPC_SLOT, CONSENT_MODAL_SLOT, RUNTIME_URL_SLOT, REPLAY_KEY_SLOT)
RUNTIME_FILE = "consent-runtime.js"
ENCODINGS = ("br", "gzip", "identity") if brotli else ("gzip", "identity")
SUFFIXES = {"br": ".br", "gzip": ".gz"}


class BundleUnavailable(Exception):
    """A built file is missing or was not built for this server."""


@dataclass(frozen=True)
class Variant:
    """One content-coding of a script, with its own strong validator."""

    body: bytes
    etag: str
    encoding: str


def render(template: str, values: dict[str, Any]) -> str:
    """Put each value into the script as a JSON (hence JavaScript) literal.

    In the order given: config text that spells a later placeholder was
    already JSON-encoded, and the site config goes last, so it stays text.
    """
    for placeholder, value in values.items():
        if placeholder not in template:
            raise BundleUnavailable(
                f"the bundle has no {placeholder} placeholder; rebuild it with `make build`"
            )
        template = template.replace(placeholder, json.dumps(value, separators=(",", ":")))
    return template


def compress(body: bytes, encoding: str) -> bytes:
    """Compress at the highest level: it happens once, the bytes are served often."""
    if encoding == "br" and brotli is not None:
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=11)
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=9, mtime=0)
    return body


def choose_encoding(quality: Any) -> str:
    """Pick the smallest coding the client accepts; ``quality(name)`` is its q-value."""
    for encoding in ENCODINGS[:-1]:
        if quality(encoding) > 0:
            return encoding
    return "identity"


class BuiltFile:
    """One built script and its compressed forms, re-read when the file changes.

    ``fill`` turns the file's text into what is served (the loader's
    placeholders); ``depends`` names another input whose change must re-render
    it (the runtime's digest, which the loader links to). A file served as
    built may have ``.br``/``.gz`` siblings from the build, used when fresh.
    """

    def __init__(
        self,
        path: Path,
        fill: Callable[[str], str] | None = None,
        depends: Callable[[], str] | None = None,
    ) -> None:
        self.path = path
        self._fill = fill
        self._depends = depends
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._digest = ""
        self._variants: dict[str, Variant] = {}

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of what is served, as of the file on disk now."""
        return self.variant("identity").etag

    def variant(self, encoding: str) -> Variant:
        """The script in one content-coding, computed on first use."""
        stamp = self._current_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._load(stamp)
            if encoding not in self._variants:
                body = self._prebuilt(encoding, stamp) or compress(
                    self._variants["identity"].body, encoding
                )
                etag = f"{self._digest}-{encoding}"
                self._variants[encoding] = Variant(body=body, etag=etag, encoding=encoding)
            return self._variants[encoding]

    def _current_stamp(self) -> tuple:
        try:
            stat = self.path.stat()
        except OSError as error:
            raise BundleUnavailable(
                f"the banner bundle {self.path} does not exist; run `make build` first"
            ) from error
        return stat.st_mtime_ns, stat.st_size, self._depends() if self._depends else ""

    def _prebuilt(self, encoding: str, stamp: tuple) -> bytes | None:
        if self._fill is not None:
            return None
        sibling = self.path.with_name(self.path.name + SUFFIXES[encoding])
        try:
            if sibling.stat().st_mtime_ns >= stamp[0]:
                return sibling.read_bytes()
        except OSError:
            pass  # no sibling: compress here
        return None

    def _load(self, stamp: tuple) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            message = f"cannot read the banner bundle {self.path}: {error}"
            raise BundleUnavailable(message) from error
        body = (self._fill(text) if self._fill else text).encode("utf-8")
        self._digest = hashlib.sha256(body).hexdigest()
        self._variants = {"identity": Variant(body=body, etag=self._digest, encoding="identity")}
        self._stamp = stamp


class Bundle:
    """The loader and the runtime it loads, for one site.

    The loader comes in two variants: with and without the ``Sec-GPC: 1``
    signal, a request header only the server sees. Each has its own body, so
    its own strong ETag: a cache keyed on the ETag never hands one visitor's
    signal to another.
    """

    def __init__(self, loader_path: Path, config: dict[str, Any], consent_modal: dict) -> None:
        self.config = config
        self.runtime = BuiltFile(loader_path.with_name(RUNTIME_FILE))
        self.loaders = {
            gpc: BuiltFile(
                loader_path,
                fill=lambda text, gpc=gpc: render(
                    text,
                    {
                        SEC_GPC_SLOT: gpc,
                        CONSENT_MODAL_SLOT: consent_modal,
                        RUNTIME_URL_SLOT: self.runtime_name(),
                        REPLAY_KEY_SLOT: self.replay_key(),
                        SITE_CONFIG_SLOT: config,
                    },
                ),
                depends=lambda: self.runtime.digest,
            )
            for gpc in (False, True)
        }

    def replay_key(self) -> str:
        """Names this runtime with this config: a verdict the banner stored under
        another key (``banner/replay.py``) was reached by other code or rules."""
        judged = self.runtime.digest + json.dumps(self.config, sort_keys=True)
        return hashlib.sha256(judged.encode("utf-8")).hexdigest()[:16]

    def runtime_name(self) -> str:
        """The runtime's URL path, relative to the loader's: changes with its content."""
        return f"consent.{self.runtime.digest[:16]}.js"
