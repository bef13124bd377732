"""The ledger as it grows: verify, /admin, export and purge at 1M records (issue 17, item 6).

``make bench-ledger-scale`` (``SIZE=`` to change the default 1,000,000)
fills a SQLite ledger through the real write path's code: ``Ledger.write``
with ``append_rows``, which seals, hashes and chains each record exactly as
a decision's batch does, in batches of ``BATCH`` records, the seal clock
spread over a simulated year. Posting a million decisions over HTTP would
take about half an hour on this 2-core machine and measure gunicorn, not
growth (``make bench-ledger`` measures the HTTP path). Then, each timed in
a process of its own whose peak RSS is read from ``wait4``:

- full verification (``consent verify``), and incremental verification
  after 1,000 more records;
- ``GET /admin`` under gunicorn while a write a second arrives;
- ``consent export --format csv`` to /dev/null (``BENCH_EXPORT_FORMATS=csv,jsonl``
  adds others);
- ``consent purge --older-than 0`` (every record) while two clients write,
  each a decision every 50 ms, with the write latencies during the purge;
- full verification again, after the purge's tombstones;
- bytes per record on disk.

The table goes to stdout and to its section of ``benchmarks/results.md``.
It is a benchmark, not a test: the tests cover each behaviour on small
ledgers. Every process started here is stopped by pid.
"""

import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .http_client import KeepAliveClient
from .ledger import ORIGIN, WORKERS, cpu_model, free_port, start_gunicorn, stop, wait_healthy
from .report import write_section

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SIZE = 1_000_000
SIZE = int(os.environ.get("SIZE", DEFAULT_SIZE))
# An empty PostgreSQL database (postgresql+psycopg://…) instead of a fresh SQLite file.
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL")
BATCH = 2000
INCREMENT = 1000
ADMIN_VIEWS = 10
FORMATS = os.environ.get("BENCH_EXPORT_FORMATS", "csv").split(",")  # csv,jsonl,json,iso27560
TOKEN = "bench-admin-token-of-at-least-32-chars"
CHOICES = [
    ("accept_all", ["necessary", "analytics", "marketing"]),
    ("reject_all", ["necessary"]),
    ("custom", ["necessary", "analytics"]),
    ("custom", ["necessary", "marketing"]),
    ("withdraw", ["necessary"]),
]
TARGETS = {
    "admin": "/admin < 300 ms with a write a second",
    "verify": "full verification ≥ 50,000 records/s",
    "export": "export ≤ 150 MB RSS",
    "purge": "write p99 < 50 ms during a purge",
}


def environment(workdir: Path) -> dict[str, str]:
    return {
        "CONSENT_DATABASE_URL": DATABASE_URL or f"sqlite:///{workdir / 'consent.sqlite'}",
        "CONSENT_RATELIMIT_ENABLED": "false",
        "CONSENT_ALLOWED_ORIGINS": ORIGIN,
        "CONSENT_ADMIN_TOKEN": TOKEN,
        "CONSENT_RECEIPT_KEY_PATH": str(workdir / "receipt-key.pem"),
    }


def fill(env: dict[str, str], count: int, start: datetime, span: timedelta) -> float:
    """Append ``count`` decisions through the ledger's own sealing; returns records/s."""
    from server import create_app
    from server.consent.ledger import current
    from server.consent.records import decision_row
    from server.consent.schemas import Decision

    config = {key.removeprefix("CONSENT_"): value for key, value in env.items()}
    app = create_app({**config, "RATELIMIT_ENABLED": False})
    rng = random.Random(count)
    with app.app_context():
        ledger = current()
        done = 0
        step = span / count
        # Chain time never goes back, so even the edition's publication is sealed in the past.
        ledger.clock = lambda: start + step * done  # type: ignore[method-assign]
        assert app.test_client().get("/api/config").status_code == 200  # publishes the edition
        began = time.perf_counter()
        while done < count:
            rows = []
            for _ in range(min(BATCH, count - done)):
                action, categories = rng.choice(CHOICES)
                decision = Decision(
                    consent_id=str(uuid.uuid4()),
                    action=action,
                    categories=tuple(categories),
                    services={c: ("service",) for c in categories},
                    revision=1,
                    language=rng.choice(("nl", "en")),
                    page_url="https://www.flowmailer.test/nl/",
                    texts_hash=app.extensions["consent_site"].texts_hash("nl"),
                    method="click",
                )
                agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"
                rows.append(decision_row(decision, ip="192.0.2.0", user_agent=agent))
            ledger.write(lambda connection, rows=rows: ledger.append_rows(connection, *rows))
            done += len(rows)
        return count / (time.perf_counter() - began)


def child(task: str) -> None:
    """Runs in its own process: one timed task, its result as JSON on stdout."""
    from server import create_app
    from server.consent.verification import verify_all, verify_since_checkpoint

    app = create_app()
    with app.app_context():
        began, cpu = time.perf_counter(), time.process_time()
        report = verify_all() if task == "verify-full" else verify_since_checkpoint()
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "checked": report.checked, "ok": report.ok}))


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, stdout) of one process."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO_DIR, env={**os.environ, **env}, stdout=subprocess.PIPE, text=True
    )
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    if process.returncode != 0:
        raise RuntimeError(f"{command} exited with {process.returncode}: {out[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "server", "consent", *args]


def verify(env: dict[str, str], task: str) -> dict[str, float]:
    seconds, _, rss, out = run_measured(
        [sys.executable, "-m", "benchmarks.ledger_scale", "--child", task], env
    )
    result = json.loads(out.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"{task}: the ledger did not verify")
    return {**result, "rss": rss, "wall": seconds}


class Writer(threading.Thread):
    """Posts a decision every ``interval`` seconds, recording each latency, until stopped."""

    def __init__(self, port: int, interval: float) -> None:
        super().__init__(daemon=True)
        headers = {"Content-Type": "application/json", "Origin": ORIGIN}
        self.client = KeepAliveClient("127.0.0.1", port, "/api/consent", headers)
        self.interval = interval
        self.samples: list[tuple[float, float]] = []  # (monotonic start, seconds)
        self.failures = 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            body = {
                "consentId": str(uuid.uuid4()),
                "action": "accept_all",
                "categories": ["necessary", "analytics", "marketing"],
                "revision": 1,
                "language": "nl",
            }
            started = time.monotonic()
            try:
                status, _ = self.client.post(json.dumps(body).encode())
            except OSError:
                status = 0
            self.samples.append((started, time.monotonic() - started))
            self.failures += status != 201
        self.client.close()

    def between(self, start: float, end: float) -> list[float]:
        return [seconds for at, seconds in self.samples if start <= at <= end]


def admin_view(port: int) -> float:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    began = time.perf_counter()
    connection.request("GET", "/admin", headers={"Authorization": f"Bearer {TOKEN}"})
    response = connection.getresponse()
    page = response.read().decode()
    seconds = time.perf_counter() - began
    connection.close()
    if response.status != 200 or "Ledger verified up to record" not in page:
        raise RuntimeError(f"/admin answered {response.status}")
    return seconds


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def database_bytes(env: dict[str, str]) -> int:
    """The ledger's table with its indexes (SQLite: the whole file, WAL copied back)."""
    from sqlalchemy import create_engine, make_url, text

    url = env["CONSENT_DATABASE_URL"]
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.connect() as connection:
            size = connection.scalar(text("SELECT pg_total_relation_size('consent_record')"))
        engine.dispose()
        return int(size)
    path = Path(make_url(url).database or "")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def main() -> int:
    database = "PostgreSQL" if DATABASE_URL else f"SQLite {sqlite3.sqlite_version} (WAL, FULL)"
    results: dict[str, object] = {
        "size": SIZE,
        "load_start": os.getloadavg()[0],
        "database": database,
    }
    with tempfile.TemporaryDirectory(prefix="consent-scale-") as tmp:
        workdir = Path(tmp)
        env = environment(workdir)
        os.environ.update(env)
        now = datetime.now(UTC)
        print(f"filling {SIZE:,} records …", flush=True)
        results["fill"] = fill(env, SIZE, now - timedelta(days=365), timedelta(days=364))
        results["bytes"] = database_bytes(env) / SIZE
        print("full verification …", flush=True)
        results["verify_full"] = verify(env, "verify-full")
        fill(env, INCREMENT, now - timedelta(days=1), timedelta(hours=1))
        results["verify_incremental"] = verify(env, "verify-incremental")
        for fmt in FORMATS:
            print(f"export {fmt} …", flush=True)
            seconds, cpu, rss, _ = run_measured(
                flask("export", "--format", fmt, "--output", os.devnull), env
            )
            results[f"export_{fmt}"] = {"seconds": seconds, "cpu": cpu, "rss": rss}

        port, log = free_port(), workdir / "gunicorn.log"
        server = start_gunicorn("server:create_app()", port, env, log)
        writers: list[Writer] = []
        try:
            wait_healthy(port, server)
            print("/admin with a write a second …", flush=True)
            writers.append(Writer(port, 1.0))
            writers[0].start()
            for _ in range(WORKERS + 1):
                admin_view(port)  # each worker's first view counts the month's hours once
            views = []
            for _ in range(ADMIN_VIEWS):
                views.append(admin_view(port))
                time.sleep(1.0)  # a dashboard refreshed every second or so, not a load test
            results["admin"] = {"median": statistics.median(views), "max": max(views)}
            print("purge while two clients write …", flush=True)
            writers += [Writer(port, 0.05), Writer(port, 0.05)]
            for writer in writers[1:]:
                writer.start()
            time.sleep(2)
            before = [s for w in writers[1:] for s in w.between(0, time.monotonic())]
            began = time.monotonic()
            seconds, cpu, rss, out = run_measured(flask("purge", "--older-than", "0"), env)
            ended = time.monotonic()
            during = [s for w in writers[1:] for s in w.between(began, ended)]
            results["purge"] = {
                "seconds": seconds,
                "rss": rss,
                "output": out.strip(),
                "writes": len(during),
                "p50": percentile(during, 50),
                "p99": percentile(during, 99),
                "max": max(during) if during else float("nan"),
                "p99_before": percentile(before, 99),
                "failures": sum(w.failures for w in writers),
            }
        except Exception:
            sys.stderr.write(log.read_text(errors="replace")[-4000:] if log.exists() else "")
            raise
        finally:
            for writer in writers:
                writer.halt.set()
            for writer in writers:
                writer.join(timeout=30)
            stop(server)
        print("full verification after the purge …", flush=True)
        results["verify_after_purge"] = verify(env, "verify-full")
    text = report(results)
    print(text)
    write_section(section(), text)
    return 0


def section() -> str:
    """Each database and size keeps its own results: a 100k look does not replace the 1M run."""
    name = "ledger-scale-postgresql" if DATABASE_URL else "ledger-scale"
    return name if SIZE == DEFAULT_SIZE else f"{name}-{SIZE}"


def report(r: dict) -> str:
    full, incremental, after = r["verify_full"], r["verify_incremental"], r["verify_after_purge"]
    purge, admin = r["purge"], r["admin"]
    # Per CPU second: what one core does, whatever else this shared machine runs meanwhile.
    rate = full["checked"] / full["cpu"]
    rate_after = after["checked"] / after["cpu"]

    def met(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        "# Ledger at scale",
        "",
        f"Written by `make bench-ledger-scale` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"SIZE={r['size']:,}, {r['database']}.",
        "",
        f"- Machine: {os.cpu_count()} CPUs, {cpu_model()}, {platform.platform()}, "
        f"Python {platform.python_version()}; load average at the start "
        f"{r['load_start']:.2f}, at the end {os.getloadavg()[0]:.2f} (shared with other work)",
        f"- Filled through `Ledger.write` + `append_rows` (the write path's sealing, hashing "
        f"and chaining) in batches of {BATCH:,}, over a simulated year: "
        f"{r['fill']:,.0f} records/s",
        "",
        "| operation | result | target |",
        "|---|---|---|",
        f"| full verification (`consent verify`) | {rate:,.0f} records per CPU second "
        f"({full['cpu']:.1f} s CPU, {full['seconds']:.1f} s wall), peak RSS {full['rss']:.0f} MB "
        f"| ≥ 50,000/s: {met(rate >= 50_000)} |",
        f"| incremental verification, {incremental['checked']:,} new records | "
        f"{incremental['seconds'] * 1000:.0f} ms wall, {incremental['cpu'] * 1000:.0f} ms CPU "
        "| proportional to new records |",
        f"| `GET /admin`, a write a second arriving | median {admin['median'] * 1000:.0f} ms, "
        f"max {admin['max'] * 1000:.0f} ms ({ADMIN_VIEWS} views) | < 300 ms: "
        f"{met(admin['median'] < 0.3)} |",
    ]
    for fmt in FORMATS:
        export = r[f"export_{fmt}"]
        lines.append(
            f"| `consent export --format {fmt}` | {export['seconds']:.1f} s wall, "
            f"{export['cpu']:.1f} s CPU, peak RSS {export['rss']:.0f} MB "
            f"| ≤ 150 MB: {met(export['rss'] <= 150)} |"
        )
    lines += [
        f"| `consent purge --older-than 0` | {purge['seconds']:.1f} s ({purge['output']}) | – |",
        f"| writes during the purge | {purge['writes']} writes, p50 {purge['p50'] * 1000:.1f} ms, "
        f"p99 {purge['p99'] * 1000:.1f} ms, max {purge['max'] * 1000:.1f} ms "
        f"(before it: p99 {purge['p99_before'] * 1000:.1f} ms), {purge['failures']} failed "
        f"| p99 < 50 ms: {met(purge['p99'] < 0.05 and not purge['failures'])} |",
        f"| full verification after the purge | {rate_after:,.0f} records per CPU second "
        f"({after['cpu']:.1f} s CPU), peak RSS {after['rss']:.0f} MB | O(n log n) in purges |",
        f"| bytes per record on disk | {r['bytes']:,.0f} (table and indexes) | – |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        sys.exit(main())
