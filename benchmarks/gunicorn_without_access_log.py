"""config/gunicorn.py without its access log: the baseline `make bench` compares `make run` with.

Used as `gunicorn config.wsgi --config benchmarks/gunicorn_without_access_log.py`.
"""

from config.gunicorn import *  # noqa: F403

accesslog = None
