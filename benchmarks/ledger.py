"""Consent writes per second under gunicorn on SQLite, beside a bare Flask endpoint.

Issue 3, acceptance item 8. ``make bench`` (or ``python -m benchmarks.ledger``)
starts both servers with the same gunicorn settings on loopback, drives them
with a fixed number of keep-alive clients for a few bounded rounds, then
checks that every acknowledged (201) record is in the database and that
``flask --app server consent verify`` passes; it exits 1 if not, or if any
request failed. The table goes to stdout and to its section of
``benchmarks/results.md``. Every process started here is stopped by pid.

To see what limits the number, BENCH_CLIENTS, BENCH_WORKERS, BENCH_THREADS
and BENCH_SYNCHRONOUS (FULL, the durable default, or NORMAL) change the setup.
"""

import http.client
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from .http_client import KeepAliveClient
from .report import write_section

REPO_DIR = Path(__file__).resolve().parent.parent
ORIGIN = "https://bench.example"
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 8))
REQUESTS_PER_CLIENT = 250
ROUNDS = 3
ROUND_SECONDS = 15  # a round stops early here, so a slow server cannot run away
WORKERS = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2))
THREADS = int(os.environ.get("BENCH_THREADS", 8))
SYNCHRONOUS = os.environ.get("BENCH_SYNCHRONOUS", "FULL")
TARGET = "≥ 2,000 writes/s, p99 < 50 ms (2 cores)"


@dataclass
class Round:
    """One round of load: what was sent, acknowledged and how long each took."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    failures: int = 0
    cpu_busy: float = 0.0  # share of all cores busy, whole machine (other load shows here)
    server_cpu: float = 0.0  # seconds of CPU used by the gunicorn master and its workers
    client_cpu: float = 0.0  # seconds of CPU used by this process, the load driver

    @property
    def writes_per_second(self) -> float:
        return len(self.acknowledged) / self.seconds

    def cpu_ms_per_write(self, seconds: float) -> float:
        return seconds / max(len(self.acknowledged), 1) * 1000

    def percentile_ms(self, q: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def process_cpu(pid: int) -> float:
    """CPU seconds of one process and its children (gunicorn's workers), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return seconds + sum(process_cpu(int(child)) for child in children)


def decision() -> bytes:
    """A valid body (see tests/conftest.py ``make_decision``) with a fresh consent id."""
    body = {
        "consentId": str(uuid.uuid4()),
        "action": "custom",
        "categories": ["necessary", "analytics"],
        "revision": 1,
        "language": "en",
    }
    return json.dumps(body).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """gunicorn with the production config, one worker per core, bound to loopback."""
    env = {
        **os.environ,
        **env,
        "CONSENT_BIND": f"127.0.0.1:{port}",
        "CONSENT_WORKERS": str(WORKERS),
        "CONSENT_THREADS": str(THREADS),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "server/gunicorn_conf.py", app]
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=REPO_DIR, env=env, stdout=out, stderr=out)


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} not healthy after {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the gunicorn master (it stops its workers), SIGKILL if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def client(port: int, result: Round, lock: threading.Lock, deadline: float) -> None:
    """One visitor stream on one keep-alive connection, as a browser would hold."""
    headers = {"Content-Type": "application/json", "Origin": ORIGIN}
    connection = KeepAliveClient("127.0.0.1", port, "/api/consent", headers)
    latencies, acknowledged, failures = [], [], 0
    for _ in range(REQUESTS_PER_CLIENT):
        if time.monotonic() > deadline:
            break
        body = decision()
        started = time.perf_counter()
        try:
            status, payload = connection.post(body)
        except OSError:
            failures += 1  # the client reconnects on the next request
            continue
        latencies.append(time.perf_counter() - started)
        if status == 201:
            acknowledged.append(json.loads(payload)["consentId"])
        else:
            failures += 1
    connection.close()
    with lock:
        result.latencies += latencies
        result.acknowledged += acknowledged
        result.failures += failures


def load_round(port: int, server: subprocess.Popen) -> Round:
    result, lock = Round(), threading.Lock()
    deadline = time.monotonic() + ROUND_SECONDS
    threads = [
        threading.Thread(target=client, args=(port, result, lock, deadline)) for _ in range(CLIENTS)
    ]
    busy_before, total_before = cpu_ticks()
    server_before, client_before = process_cpu(server.pid), time.process_time()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    busy_after, total_after = cpu_ticks()
    result.server_cpu = process_cpu(server.pid) - server_before
    result.client_cpu = time.process_time() - client_before
    result.cpu_busy = (busy_after - busy_before) / max(total_after - total_before, 1)
    return result


def summarize(name: str, rounds: list[Round]) -> dict[str, object]:
    """Medians over rounds, so one noisy round does not decide the number."""
    return {
        "name": name,
        "rps": statistics.median(r.writes_per_second for r in rounds),
        "p50": statistics.median(r.percentile_ms(50) for r in rounds),
        "p99": statistics.median(r.percentile_ms(99) for r in rounds),
        "cpu": statistics.median(r.cpu_busy for r in rounds),
        "server_ms": statistics.median(r.cpu_ms_per_write(r.server_cpu) for r in rounds),
        "client_ms": statistics.median(r.cpu_ms_per_write(r.client_cpu) for r in rounds),
        "acknowledged": sum(len(r.acknowledged) for r in rounds),
        "failures": sum(r.failures for r in rounds),
    }


def check_ledger(
    database: Path, env: dict[str, str], acknowledged: set[str]
) -> tuple[bool, list[str]]:
    """Durability and integrity after the load: nothing acknowledged is missing."""
    with sqlite3.connect(database) as connection:
        stored = {row[0] for row in connection.execute("SELECT consent_id FROM consent_record")}
    missing = acknowledged - stored
    verify = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "server", "consent", "verify"],
        cwd=REPO_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    return not missing and verify.returncode == 0, [
        f"acknowledged records present: {len(acknowledged) - len(missing)}/{len(acknowledged)}",
        f"records in ledger: {len(stored)}",
        f"`consent verify` exit {verify.returncode}: {(verify.stdout + verify.stderr).strip()}",
    ]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def report(rows: list[dict[str, object]], checks: list[str]) -> str:
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("flask", "gunicorn", "sqlalchemy", "joserfc")
    )
    lines = [
        "# Consent ledger benchmark",
        "",
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Target: {TARGET}.",
        "",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, {platform.platform()}",
        f"- Python {platform.python_version()}; {packages}; SQLite {sqlite3.sqlite_version}",
        f"- gunicorn `server/gunicorn_conf.py`: {WORKERS} workers × {THREADS} threads (gthread)",
        f"- Load: {CLIENTS} keep-alive clients × {REQUESTS_PER_CLIENT} POSTs per round, "
        f"{ROUNDS} rounds (≤ {ROUND_SECONDS} s each), loopback, same machine; medians of rounds",
        f"- Ledger: SQLite WAL, `SQLITE_SYNCHRONOUS={SYNCHRONOUS}`, rate limits off; "
        f"load average at the end {os.getloadavg()[0]:.2f}",
        "",
        "| endpoint | writes/s | p50 ms | p99 ms | CPU busy | server CPU ms/write "
        "| client CPU ms/write | acknowledged | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
            f"| {row['cpu']:.0%} | {row['server_ms']:.2f} | {row['client_ms']:.2f} "
            f"| {row['acknowledged']} | {row['failures']} |"
        )
    lines += ["", "After the load:", ""] + [f"- {check}" for check in checks]
    return "\n".join(lines) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="consent-bench-") as tmp:
        workdir = Path(tmp)
        database = workdir / "consent.sqlite"
        env = {
            "CONSENT_DATABASE_URL": f"sqlite:///{database}",
            "CONSENT_RATELIMIT_ENABLED": "false",
            "CONSENT_ALLOWED_ORIGINS": ORIGIN,
            "CONSENT_RECEIPT_KEY_PATH": str(workdir / "receipt-key.pem"),
            "CONSENT_SQLITE_SYNCHRONOUS": SYNCHRONOUS,
        }
        ledger_port, bare_port = free_port(), free_port()
        log = workdir / "gunicorn.log"
        processes: list[subprocess.Popen] = []
        try:
            processes.append(start_gunicorn("server:create_app()", ledger_port, env, log))
            processes.append(start_gunicorn("benchmarks.bare:app", bare_port, env, log))
            wait_healthy(ledger_port, processes[0])
            wait_healthy(bare_port, processes[1])
            ledger_rounds = [load_round(ledger_port, processes[0]) for _ in range(ROUNDS)]
            bare_rounds = [load_round(bare_port, processes[1]) for _ in range(ROUNDS)]
        except Exception:
            sys.stderr.write(log.read_text(errors="replace")[-4000:] if log.exists() else "")
            raise
        finally:
            for process in processes:
                stop(process)
        acknowledged = {cid for r in ledger_rounds for cid in r.acknowledged}
        ok, checks = check_ledger(database, env, acknowledged)
    rows = [summarize("POST /api/consent (ledger)", ledger_rounds)]
    rows.append(summarize("bare Flask endpoint", bare_rounds))
    text = report(rows, checks)
    write_section("ledger", text)
    print(text)
    failed = any(row["failures"] for row in rows)  # a rate with failures in it measures nothing
    return 0 if ok and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
