"""gunicorn settings for `make run` and production.

Used as `gunicorn config.wsgi --config config/gunicorn.py`.
"""

import gc
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR_DIR = Path(os.environ.get("VAR_DIR") or ROOT / "var")

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads, so that a few clients sending their request slowly (a byte a second) hold a
# thread each, not a whole worker, and everyone else is still answered. gunicorn's threaded
# worker waits for a new connection's first bytes without a thread; from then on the
# thread reads the request, body included. 16 threads a worker is more than a handful of
# slow clients can fill even if they all land on one worker; the proxy in front of a
# deployment buffers bodies and limits connections per address (docs/deploy.md).
# Django keeps a database connection per thread: each closes at the end of its request
# with SQLite (CONN_MAX_AGE 0), and stays open up to DATABASE_CONN_MAX_AGE with
# PostgreSQL, so at most workers x threads connections (32 by default) from the site.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "16"))
# Load the site once in the master process; workers start (and restart) as cheap forks.
preload_app = True
# A threaded worker tells the master it is alive from its main loop, whatever its threads
# are doing: `timeout` catches a worker that is stuck as a whole, not a slow request.
timeout = 30
# On stop or restart, requests in progress get this long to finish (supervisord and
# systemd wait 15 s before killing).
graceful_timeout = 10
# No control socket: several local runs (the site, the benchmarks) would fight over one path.
control_socket_disable = True

# Access log without the query string or the client's address: a search in the
# admin (a patient's name, a phone number) must never land in a log line. It is
# written by gunicorn straight to a file, never through a pipe to the process
# runner, which read and re-wrote every line and cost a quarter of the throughput
# (`make bench` measures what it costs now: benchmarks/run.py). A deployment rotates it
# with logrotate, then `kill -USR1` to gunicorn's master to reopen it (docs/deploy.md).
LOG_DIR = VAR_DIR / "log"
LOG_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
accesslog = str(LOG_DIR / "access.log")
os.close(os.open(accesslog, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # this user's alone
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# gunicorn's own lines about a request it refused leave out the client's address and the
# request line as sent (config/gunicorn_logging.py).
logger_class = "config.gunicorn_logging.PrivateLogger"


def when_ready(server):
    """Read the ZIP code data once, before the workers fork, so no patient waits for it.

    Then freeze what the master has loaded (Django, the site, the ZIP and word lists): the
    garbage collector leaves it alone in the workers. Without that, each worker spent
    5 to 15 seconds collecting it as it exited, so every stop or restart waited that long.
    """
    from appointments import zip_codes

    zip_codes.load()
    gc.collect()
    gc.freeze()
