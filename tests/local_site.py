"""The site's real processes, started as `make run` starts them, for tests and benchmarks.

gunicorn (config/gunicorn.py) and the task worker run as separate processes
with production settings, their own data folder and safe local values.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

# The public addresses of the callback form and its confirmation, as patients see them.
FORM_URL = "/request-a-callback/"
RECEIVED_URL = "/request-a-callback/received/"
# The page whose weight is measured, and its budget: HTML, CSS and JS, compressed.
EXPLAINER = "/procedures/port-placement/"
EXPLAINER_BUDGET = 40 * 1024


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


def prepare(env: dict, *collectstatic_args: str) -> None:
    """The data folder as `make run` leaves it: migrated, with the starter content and
    the collected static files (collectstatic_args are passed on, such as --ignore)."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_starter_content")
    manage(env, "collectstatic", "--noinput", "-v0", *collectstatic_args)


@contextmanager
def running_site(env: dict, *gunicorn_args: str, log=subprocess.DEVNULL):
    """gunicorn and the task worker until the block ends; yields the site's address.

    log: where gunicorn's own log (stderr: its errors, and the site's log lines) goes.
    """
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
            stderr=log,
        ),
        subprocess.Popen(
            [str(BIN / "python"), "manage.py", "run_worker", "--interval", "0.2"],
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


class Answer(NamedTuple):
    status: int
    location: str  # the Location header; empty when there is none
    seconds: float  # from sending the POST to its answer, read in full


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand back the redirect itself instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser to send a form: cookies, and no following of redirects."""

    HIDDEN_FIELDS = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')

    def __init__(self, base: str):
        self.base = base
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies, NoRedirect)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=20) as response:
            return response.read().decode()

    def send_form(self, path: str, answers: dict) -> Answer:
        """Load the form at path, then post the answers with its hidden fields (the CSRF
        token and the form token). Only the POST is timed; a redirect is not followed."""
        hidden = dict(self.HIDDEN_FIELDS.findall(self.get(path)))
        body = urllib.parse.urlencode({**answers, **hidden}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path, "Origin": self.base}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=20) as response:
                response.read()
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:  # a redirect or an error status
            error.read()
            status, headers = error.code, error.headers
        seconds = time.perf_counter() - started
        return Answer(status, headers.get("Location", ""), seconds)
