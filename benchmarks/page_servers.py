"""The three real HTTP servers of the page-speed benchmark, each in its own process.

As in production and in the e2e suite: the host site announced as
``localhost``, the consent server (``server.create_app`` with a temporary
SQLite database, serving the built bundle with brotli/gzip) on ``127.0.0.1``,
and vanilla-cookieconsent's files on a third origin, like a CDN. Each runs in
a process of its own, as separate services would: in the benchmark's own
process they shared one interpreter lock with each other and with the
Playwright driver, so a request to one waited on the others.
"""

import logging
import multiprocessing
import multiprocessing.connection
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from demo_site import start_server
from server import create_app as create_consent_app

from .host_pages import (
    CONTROLS,
    EMPTY_SCRIPT_PATH,
    OURS,
    OURS_SAME_SITE,
    VANILLA,
    VARIANTS,
    hero_svg,
    page_html,
    vanilla_config,
)
from .static_site import StaticFile, create_static_app

SITE_CSS = Path(__file__).resolve().parent.parent / "demo_site" / "static" / "site.css"
START_S = 120  # a child imports Flask and builds its app before it answers
RUNNING_S = 10  # a running child takes its files, or stops, within this


@dataclass(frozen=True)
class Origins:
    host: str
    consent: str
    vendor: str

    def page(self, variant: str) -> str:
        return f"{self.host}/{variant}"

    def banner(self, variant: str) -> str | None:
        """Where the variant's banner comes from; the same consent server for both of
        ours, the second time named by the host's own name (``localhost``)."""
        consent = urlsplit(self.consent)
        same_site = f"{consent.scheme}://{urlsplit(self.host).hostname}:{consent.port}"
        return {OURS: self.consent, OURS_SAME_SITE: same_site, VANILLA: self.vendor}.get(variant)


# make bench-paint's controls load it from the host and from vanilla's origin.
EMPTY_SCRIPT_FILE = StaticFile(b"/* does nothing */\n", "text/javascript")


def vendor_files(vanilla: dict[str, bytes]) -> dict[str, StaticFile]:
    types = {".js": "text/javascript", ".css": "text/css"}
    files = {f"/{n}": StaticFile(body, types[Path(n).suffix]) for n, body in vanilla.items()}
    files[EMPTY_SCRIPT_PATH] = EMPTY_SCRIPT_FILE
    return files


def host_files(origins: Origins, vanilla_options: dict) -> dict[str, StaticFile]:
    files = {
        f"/{variant}": StaticFile(
            page_html(variant, origins.banner(variant), origins.vendor, vanilla_options).encode(),
            "text/html; charset=utf-8",
            revalidate=True,
        )
        for variant in (*VARIANTS, *CONTROLS.values())
    }
    files[EMPTY_SCRIPT_PATH] = EMPTY_SCRIPT_FILE
    files["/site.css"] = StaticFile(SITE_CSS.read_bytes(), "text/css")
    files["/hero.svg"] = StaticFile(hero_svg().encode(), "image/svg+xml")
    return files


def _serve(app, url_host: str | None, pipe, files: dict | None = None) -> None:
    """In a child: serve ``app``, send its URL, then take more ``files`` until told to stop.

    The host's pages name the other origins, so they arrive after those are bound.
    """
    server, url = start_server(app, url_host=url_host)
    pipe.send(url)
    try:
        while (more := pipe.recv()) is not None:
            files.update(more)
            pipe.send("ok")
    except EOFError:
        pass  # the benchmark itself is gone
    server.shutdown()
    server.server_close()


def serve_static(name: str, files: dict, url_host: str | None, pipe) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    _serve(create_static_app(name, files), url_host, pipe, files)


def serve_consent(config: dict, url_host: str | None, pipe) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    _serve(create_consent_app(config), url_host, pipe)


class Child:
    """One server process, driven over a pipe; stopped by the parent when the run ends."""

    def __init__(self, serve: Callable, args: tuple, url_host: str | None = None) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=serve, args=(*args, url_host, theirs), daemon=True)
        self._process.start()
        self.url = self._answer(START_S)

    def _answer(self, timeout: float):
        ready = multiprocessing.connection.wait([self._pipe, self._process.sentinel], timeout)
        if self._pipe not in ready:
            code = self._process.exitcode
            raise RuntimeError(
                f"a benchmark server exited with code {code}"
                if code is not None
                else f"a benchmark server did not answer within {timeout:g} s"
            )
        return self._pipe.recv()

    def add_files(self, files: dict[str, StaticFile]) -> None:
        self._pipe.send(files)
        self._answer(RUNNING_S)

    def stop(self) -> None:
        if self._process.is_alive():
            self._pipe.send(None)
        self._process.join(RUNNING_S)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(RUNNING_S)


@contextmanager
def running_servers(site_config: dict, vanilla: dict[str, bytes]) -> Iterator[Origins]:
    """Start all three; stop them (by their own shutdown) when the block ends."""
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp, ExitStack() as stack:

        def child(serve: Callable, args: tuple, url_host: str | None = None) -> Child:
            started = Child(serve, args, url_host)
            stack.callback(started.stop)
            return started

        host = child(serve_static, ("host", {}), url_host="localhost")
        vendor = child(serve_static, ("vendor", vendor_files(vanilla)))
        consent = child(
            serve_consent,
            (
                {
                    "DATABASE_URL": f"sqlite:///{Path(tmp) / 'consent.sqlite'}",
                    "RECEIPT_KEY_PATH": str(Path(tmp) / "receipt-key.pem"),
                    "ALLOWED_ORIGINS": [host.url],
                    "SECRET_KEY": "page-bench",
                },
            ),
        )
        origins = Origins(host=host.url, consent=consent.url, vendor=vendor.url)
        host.add_files(host_files(origins, vanilla_config(site_config, "en", origins.consent)))
        yield origins
