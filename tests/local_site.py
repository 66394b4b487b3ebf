"""The site's real processes, started as `make run` starts them, for tests and benchmarks.

gunicorn (config/gunicorn.py) and the task worker run as separate processes
with production settings, their own data folder and safe local values.
"""

import http.cookiejar
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple

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


@contextmanager
def scratch_database(url: str, prefix: str):
    """A new, empty database on the PostgreSQL server of `url`, dropped when the block ends;
    yields its URL. Its name is the prefix and a random part, so runs never share one."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(url)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = dict(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
        autocommit=True,
    )
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
        wait_for_site(base, 30)
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def wait_for_site(base: str, seconds: float) -> None:
    """Until /healthz answers 200; RuntimeError after that many seconds."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"The site did not start within {seconds} seconds.") from None
            time.sleep(0.1)


class Stack:
    """Every process of the Procfile (web, worker, scheduler), each started as `make run`
    starts it, with handles to stop, kill and start any one of them again.

    Each process writes its output to NAME.log in log_dir (nothing is kept without one).
    """

    def __init__(self, env: dict, log_dir: Path | None = None):
        self.env = env | {"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}
        self.base = f"http://127.0.0.1:{env['PORT']}"
        self.log_dir = log_dir
        self.commands = {
            name.strip(): shlex.split(command)
            for name, command in (
                line.split(":", 1)
                for line in (ROOT / "Procfile").read_text().splitlines()
                if line.strip() and not line.startswith("#")
            )
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: list[IO] = []

    def start(self, name: str) -> subprocess.Popen:
        command = self.commands[name]
        executable = shutil.which(command[0], path=self.env["PATH"]) or command[0]
        if self.log_dir is None:
            output = subprocess.DEVNULL
        else:
            output = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop_all)
            self.logs.append(output)
        self.processes[name] = subprocess.Popen(
            [executable, *command[1:]], cwd=ROOT, env=self.env, stdout=output, stderr=output
        )
        return self.processes[name]

    def start_all(self) -> None:
        for name in self.commands:
            self.start(name)
        wait_for_site(self.base, 30)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> int:
        """Send the signal (SIGKILL unless told: as the out-of-memory killer would, no
        chance to clean up) to the process; returns its PID."""
        process = self.processes[name]
        process.send_signal(sig)
        process.wait()
        return process.pid

    def wait_back(self, name: str, old_pid: int, seconds: float = 30) -> int:
        """No supervisor here: the process is started again by this, a second after it
        died (as a supervisor's first restart would); returns the new PID."""
        time.sleep(1)
        return self.start(name).pid

    def gunicorn_workers(self) -> list[int]:
        """The process ids of gunicorn's workers (the web process's children)."""
        master = self.processes["web"].pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text()
        return [int(pid) for pid in children.split()]

    def stop_all(self) -> None:
        """Stop every process: gunicorn at once (SIGINT), the others as they would on
        Ctrl-C (SIGTERM: the worker ends the task it is running first)."""
        for name, process in self.processes.items():
            if process.poll() is None:
                process.send_signal(signal.SIGINT if name == "web" else signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


@contextmanager
def running_stack(env: dict, log_dir: Path | None = None):
    """The Procfile's processes until the block ends; yields the Stack."""
    stack = Stack(env, log_dir)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


class Answer(NamedTuple):
    status: int
    location: str  # the Location header; empty when there is none
    seconds: float  # from sending the request to its answer, read in full
    body: str = ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand back the redirect itself instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser to send a form: cookies, and no following of redirects."""

    HIDDEN_FIELDS = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"')
    REFERENCE = re.compile(r'<p class="reference">([^<]+)</p>')

    def __init__(self, base: str, timeout: float = 20):
        self.base = base
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        processor = urllib.request.HTTPCookieProcessor(self.cookies)
        self.opener = urllib.request.build_opener(processor, NoRedirect)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=self.timeout) as response:
            return response.read().decode()

    def fetch(self, path: str, fields: dict | None = None) -> Answer:
        """One request, timed and read in full: a GET, or with fields a POST of them as a
        form sent from this site. An error status or a redirect is an answer, not an error;
        a connection that fails or times out raises OSError, an answer cut short
        http.client.HTTPException."""
        request = urllib.request.Request(self.base + path)
        if fields is not None:
            request = urllib.request.Request(
                self.base + path,
                data=urllib.parse.urlencode(fields).encode(),
                headers={"Referer": self.base + path, "Origin": self.base},
            )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read()
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as error:  # a redirect or an error status
            body = error.read()
            status, headers = error.code, error.headers
        seconds = time.perf_counter() - started
        return Answer(status, headers.get("Location", ""), seconds, body.decode(errors="replace"))

    def hidden_fields(self, page: str) -> dict:
        """The form's hidden fields on a page: the CSRF token and the form token."""
        return dict(self.HIDDEN_FIELDS.findall(page))

    def send_form(self, path: str, answers: dict, fill_seconds: float = 0) -> Answer:
        """Load the form at path, wait fill_seconds (a patient typing), then post the answers
        with its hidden fields. Only the POST is timed; a redirect is not followed."""
        hidden = self.hidden_fields(self.get(path))
        time.sleep(fill_seconds)
        return self.fetch(path, {**answers, **hidden})

    def reference(self, page: str) -> str:
        """The reference a confirmation page shows; empty when the page shows none."""
        found = self.REFERENCE.search(page)
        return found.group(1).strip() if found else ""
