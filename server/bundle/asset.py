"""``consent.js`` as served: the built bundle with the site config baked in.

The build leaves the JavaScript string literal ``"__CC_SITE_CONFIG__"`` where
the config belongs, so one bundle serves any site file and the banner needs
no second request before it can show itself. Rendering and compression run
once per version of the bundle file, never per request. No Flask here: this
module is plain Python, testable without an app.
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
ENCODINGS = ("br", "gzip", "identity") if brotli else ("gzip", "identity")


class BundleUnavailable(Exception):
    """The bundle file is missing or was not built for config injection."""


@dataclass(frozen=True)
class Variant:
    """One content-coding of the script, with its own strong validator."""

    body: bytes
    etag: str
    encoding: str


def render(template: str, config: dict[str, Any]) -> str:
    """Put the config into the bundle as a JSON (hence JavaScript) literal."""
    if PLACEHOLDER not in template:
        raise BundleUnavailable(
            f"the bundle has no {PLACEHOLDER} placeholder; rebuild it with `make build`"
        )
    return template.replace(PLACEHOLDER, json.dumps(config, separators=(",", ":")))


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
        self._digest = ""
        self._variants: dict[str, Variant] = {}

    def variant(self, encoding: str) -> Variant:
        """The script in one content-coding, computed on first use."""
        stamp = self._file_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._load(stamp)
            if encoding not in self._variants:
                body = compress(self._variants["identity"].body, encoding)
                etag = self._digest if encoding == "identity" else f"{self._digest}-{encoding}"
                self._variants[encoding] = Variant(body=body, etag=etag, encoding=encoding)
            return self._variants[encoding]

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
        body = render(template, self.config).encode("utf-8")
        self._digest = hashlib.sha256(body).hexdigest()
        self._variants = {"identity": Variant(body=body, etag=self._digest, encoding="identity")}
        self._stamp = stamp
