"""The three real HTTP servers of the page-speed benchmark, on free loopback ports.

As in production and in the e2e suite: the host site announced as
``localhost``, the consent server (``server.create_app`` with a temporary
SQLite database, serving the built bundle with brotli/gzip) on ``127.0.0.1``,
and vanilla-cookieconsent's files on a third origin, like a CDN.
"""

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from demo_site import start_server
from server import create_app as create_consent_app

from .host_pages import VARIANTS, hero_svg, page_html, vanilla_config
from .static_site import StaticFile, create_static_app

SITE_CSS = Path(__file__).resolve().parent.parent / "demo_site" / "static" / "site.css"


@dataclass(frozen=True)
class Origins:
    host: str
    consent: str
    vendor: str

    def page(self, variant: str) -> str:
        return f"{self.host}/{variant}"


def vendor_files(vanilla: dict[str, bytes]) -> dict[str, StaticFile]:
    types = {".js": "text/javascript", ".css": "text/css"}
    return {f"/{n}": StaticFile(body, types[Path(n).suffix]) for n, body in vanilla.items()}


def host_files(origins: Origins, vanilla_options: dict) -> dict[str, StaticFile]:
    files = {
        f"/{variant}": StaticFile(
            page_html(variant, origins.consent, origins.vendor, vanilla_options).encode(),
            "text/html; charset=utf-8",
            revalidate=True,
        )
        for variant in VARIANTS
    }
    files["/site.css"] = StaticFile(SITE_CSS.read_bytes(), "text/css")
    files["/hero.svg"] = StaticFile(hero_svg().encode(), "image/svg+xml")
    return files


@contextmanager
def running_servers(site_config: dict, vanilla: dict[str, bytes]) -> Iterator[Origins]:
    """Start all three; stop them (by their own shutdown) when the block ends."""
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp, ExitStack() as stack:

        def serve(app, url_host=None) -> str:
            server, url = start_server(app, url_host=url_host)
            stack.callback(server.server_close)
            stack.callback(server.shutdown)
            return url

        # The pages name the other origins, so they are filled in once those are bound.
        pages: dict[str, StaticFile] = {}
        host = serve(create_static_app("host", pages), url_host="localhost")
        vendor = serve(create_static_app("vendor", vendor_files(vanilla)))
        consent_app = create_consent_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'consent.sqlite'}",
                "RECEIPT_KEY_PATH": str(Path(tmp) / "receipt-key.pem"),
                "ALLOWED_ORIGINS": [host],
                "SECRET_KEY": "page-bench",
            }
        )
        origins = Origins(host=host, consent=serve(consent_app), vendor=vendor)
        pages.update(host_files(origins, vanilla_config(site_config, "en", origins.consent)))
        yield origins
