"""The site's real processes, started as `make run` starts them, for tests and benchmarks.

gunicorn (config/gunicorn.py) and the task worker run as separate processes
with production settings, their own data folder and safe local values.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(var_dir: Path, port: int, **settings: str) -> dict:
    """Production settings with local values; DATABASE_URL and REDIS_URL only if given."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "VAR_DIR": str(var_dir),
        "SECRET_KEY": "local-processes-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "console://",
        "STAFF_NOTIFICATION_EMAILS": "front-desk@clinic.example",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def running_site(env: dict, *gunicorn_args: str):
    """gunicorn and the task worker until the block ends; yields the site's address."""
    processes = [
        subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--config",
                "config/gunicorn.py",
                "--access-logfile",
                "/dev/null",
                *gunicorn_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [str(BIN / "python"), "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("The site did not start within 30 seconds.") from None
                time.sleep(0.1)
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
