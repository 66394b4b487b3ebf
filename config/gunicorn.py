"""gunicorn settings for `make run` and production.

Used as `gunicorn config.wsgi --config config/gunicorn.py`.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load the site once in the master process; workers start (and restart) as cheap forks.
preload_app = True
timeout = 30
graceful_timeout = 10
# No control socket: several local runs (the site, the benchmarks) would fight over one path.
control_socket_disable = True

# Access log without the query string or the client's address: a search in the
# admin (a patient's name, a phone number) must never land in a log line.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"


def when_ready(server):
    """Read the ZIP code data once, before the workers fork, so no patient waits for it."""
    from appointments import zip_codes

    zip_codes.load()
