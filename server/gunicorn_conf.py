"""Production settings: ``gunicorn -c server/gunicorn_conf.py "server:create_app()"``.

Workers are processes, so the ledger's cross-process lock matters here; the
app object is built in each worker (no preload) so no database connection is
shared across a fork. Each worker group-commits its threads' consent writes,
so one process per core with more threads beats more processes with fewer:
bigger batches, less lock traffic between processes (2 × 8 was the best of
2 × 4, 2 × 8, 2 × 16, 4 × 2 and 4 × 4 on 2 cores, see ``make bench``).
Settings can be overridden on the command line.
"""

import multiprocessing
import os

from server.access_log import ACCESS_LOG_FORMAT, LeanAccessLogger
from server.limits import worker_count

bind = os.environ.get("CONSENT_BIND", "127.0.0.1:8000")
# One per core with a shared rate-limit store (Redis), else one: see limits.worker_count.
workers = worker_count(os.environ, multiprocessing.cpu_count())
threads = int(os.environ.get("CONSENT_THREADS", 8))
worker_class = "gthread"
preload_app = False
keepalive = 5
timeout = 30
accesslog = "-"
access_log_format = ACCESS_LOG_FORMAT  # see server/access_log.py
logger_class = LeanAccessLogger
# gunicorn 24+ opens a control socket at one fixed path per user, shared by every
# instance: stopping one server deleted another's. Nothing here uses it.
control_socket_disable = True
