"""``consent.js`` as served: the built bundle with the site config baked in.

The build leaves the JavaScript string literal ``"__CC_SITE_CONFIG__"`` where
the config belongs, so one bundle serves any site file and the banner needs
no second request before it can show itself. A second literal,
``"__CC_SEC_GPC__"``, becomes ``true`` or ``false``: whether the request for
the script carried ``Sec-GPC: 1``, a header the banner itself cannot read.
Rendering and compression run once per version of the bundle file and
variant, never per request. No Flask here: this module is plain Python,
testable without an app.
"""

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a declared dependency
    brotli = None

PLACEHOLDER = '"__CC_SITE_CONFIG__"'
GPC_PLACEHOLDER = '"__CC_SEC_GPC__"'
ENCODINGS = ("br", "gzip", "identity") if brotli else ("gzip", "identity")


class BundleUnavailable(Exception):
    """The bundle file is missing or was not built for config injection."""


@dataclass(frozen=True)
class Variant:
    """One content-coding of the script, with its own strong validator."""

    body: bytes
    etag: str
    encoding: str


def check_placeholders(template: str) -> None:
    """A bundle built before a placeholder existed must be rebuilt, not served half-filled."""
    for placeholder in (PLACEHOLDER, GPC_PLACEHOLDER):
        if placeholder not in template:
            raise BundleUnavailable(
                f"the bundle has no {placeholder} placeholder; rebuild it with `make build`"
            )


def render(template: str, config: dict[str, Any], gpc: bool = False) -> str:
    """Put the config and the GPC signal into the bundle as JSON (hence JavaScript) literals.

    The signal goes in first, so config text that happens to spell the GPC
    placeholder stays text.
    """
    check_placeholders(template)
    signalled = template.replace(GPC_PLACEHOLDER, json.dumps(gpc))
    return signalled.replace(PLACEHOLDER, json.dumps(config, separators=(",", ":")))


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


class BundleAsset:
    """The rendered script and its compressed forms, rebuilt when the file changes."""

    def __init__(self, path: Path, config: dict[str, Any]) -> None:
        self.path = path
        self.config = config
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._template = ""
        self._variants: dict[tuple[bool, str], Variant] = {}

    def variant(self, encoding: str, gpc: bool = False) -> Variant:
        """The script in one content-coding, with or without the GPC signal.

        Each pair has its own body, so its own strong ETag: a cache keyed on
        the ETag can never hand one visitor's signal to another.
        """
        stamp = self._file_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._load(stamp)
            plain = self._variants.get((gpc, "identity"))
            if plain is None:
                body = render(self._template, self.config, gpc).encode("utf-8")
                digest = hashlib.sha256(body).hexdigest()
                plain = Variant(body=body, etag=digest, encoding="identity")
                self._variants[(gpc, "identity")] = plain
            if (gpc, encoding) not in self._variants:
                body = compress(plain.body, encoding)
                etag = f"{plain.etag}-{encoding}"
                self._variants[(gpc, encoding)] = Variant(body=body, etag=etag, encoding=encoding)
            return self._variants[(gpc, encoding)]

    def _file_stamp(self) -> tuple[int, int]:
        try:
            stat = self.path.stat()
        except OSError as error:
            raise BundleUnavailable(
                f"the banner bundle {self.path} does not exist; run `make build` first"
            ) from error
        return stat.st_mtime_ns, stat.st_size

    def _load(self, stamp: tuple[int, int]) -> None:
        try:
            template = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            message = f"cannot read the banner bundle {self.path}: {error}"
            raise BundleUnavailable(message) from error
        check_placeholders(template)
        self._template = template
        self._variants = {}
        self._stamp = stamp
