"""The site's real processes, started as `make run` starts them, for tests and benchmarks.

gunicorn (config/gunicorn.py) and the task worker run as separate processes
with production settings, their own data folder and safe local values:

- `site_environment(var_dir, port)` gives the environment, `prepare(env)`
  migrates and collects the static files;
- `running_site(env)` starts gunicorn and the task worker directly (no
  scheduler, no supervisor, no access log) and yields the base URL;
- `supervised_site(env)` starts the stack exactly as `make run` does:
  supervisord with config/supervisord.conf, running gunicorn (access log in
  VAR_DIR/log/access.log), the task worker and the scheduler, each started
  again when it dies. It yields a `SupervisedSite`: its base URL, the PIDs of
  each program and of gunicorn's workers, and ways to kill one and wait for
  it to be back. For fault tests and benchmarks.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xmlrpc.client
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
SPANISH_EXPLAINER = "/es" + EXPLAINER  # the same page in Spanish, held to the same budget
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


@contextlib.contextmanager
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


SUPERVISOR_CONFIG = "config/supervisord.conf"
PROGRAMS = ("web", "worker", "scheduler")


class SupervisedSite:
    """The stack `supervised_site` started: where it answers, and a hand on each process.

    Programs are named as in config/supervisord.conf: "web" (gunicorn's master),
    "worker" (`manage.py run_worker`) and "scheduler" (`manage.py run_schedule`).
    """

    def __init__(self, env: dict, supervisord: subprocess.Popen):
        self.env = env
        self.base = f"http://127.0.0.1:{env['PORT']}"
        self.var_dir = Path(env["VAR_DIR"])
        self.supervisord = supervisord
        # What `make run` would print on the terminal: supervisord's lines and every program's.
        self.output_file = self.var_dir / "log" / "terminal.log"
        from supervisor.xmlrpc import SupervisorTransport

        socket_url = f"unix://{self.var_dir / 'run' / 'supervisor.sock'}"
        self.rpc = xmlrpc.client.ServerProxy(
            "http://127.0.0.1", transport=SupervisorTransport(None, None, socket_url)
        )

    def state(self, program: str) -> tuple[str, int]:
        """supervisord's state for the program (STARTING, RUNNING, BACKOFF...) and its PID
        (0 when it has none)."""
        info = self.rpc.supervisor.getProcessInfo(program)
        return info["statename"], info["pid"]

    def pid(self, program: str) -> int:
        return self.state(program)[1]

    def gunicorn_workers(self) -> list[int]:
        """PIDs of gunicorn's worker processes (the children of the "web" program)."""
        master = self.pid("web")
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in children.split()]

    def kill(self, program: str, sig: int = signal.SIGKILL) -> int:
        """Send the signal (SIGKILL unless told) to the program's process; returns its PID."""
        pid = self.pid(program)
        if not pid:
            raise RuntimeError(f"{program} is not running.")
        os.kill(pid, sig)
        return pid

    def wait_back(self, program: str, old_pid: int, seconds: float = 30) -> int:
        """Until the program runs again in a new process; returns the new PID."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state, pid = self.state(program)
            if pid and pid != old_pid and state in ("STARTING", "RUNNING"):
                return pid
            time.sleep(0.05)
        raise RuntimeError(f"{program} was not started again within {seconds} seconds.")

    def task_statuses(self) -> dict[str, int]:
        """How many django-tasks-db result rows there are in each status (READY, RUNNING...)."""
        code = (
            "import json; from django.db.models import Count; "
            "from django_tasks_db.models import DBTaskResult as R; "
            "print(json.dumps({r['status']: r['n'] for r in "
            "R.objects.values('status').annotate(n=Count('pk')).order_by()}))"
        )
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def output(self) -> str:
        return self.output_file.read_text(errors="replace")


@contextlib.contextmanager
def supervised_site(env: dict, start_seconds: float = 60):
    """The stack as `make run` starts it (supervisord, config/supervisord.conf) until the
    block ends; yields a SupervisedSite once the site answers and supervisord counts every
    program as RUNNING (up for its startsecs).

    `prepare(env)` first. Ending the block stops supervisord as Ctrl-C does (every program
    stopped gracefully, then killed after its stopwaitsecs).
    """
    var_dir = Path(env["VAR_DIR"])
    for folder in ("log", "run"):
        (var_dir / folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    env = env | {"PATH": f"{BIN}{os.pathsep}{env.get('PATH', os.defpath)}"}
    with open(var_dir / "log" / "terminal.log", "ab") as terminal:
        supervisord = subprocess.Popen(
            [str(BIN / "supervisord"), "--configuration", SUPERVISOR_CONFIG],
            cwd=ROOT,
            env=env,
            stdout=terminal,
            stderr=subprocess.STDOUT,
            umask=0o077,
            start_new_session=True,
        )
    site = SupervisedSite(env, supervisord)
    try:
        wait_for_site(site.base, start_seconds)
        deadline = time.monotonic() + start_seconds
        while not all(site.state(program)[0] == "RUNNING" for program in PROGRAMS):
            if time.monotonic() > deadline:
                raise RuntimeError("Not every program started:\n" + site.output()[-3000:])
            time.sleep(0.1)
        yield site
    finally:
        # Each program runs in a process group of its own (supervisord puts it there).
        groups = [supervisord.pid]
        with contextlib.suppress(OSError, xmlrpc.client.Error):
            groups += [site.pid(program) for program in PROGRAMS]
        supervisord.send_signal(signal.SIGINT)  # as Ctrl-C in `make run`
        try:
            supervisord.wait(timeout=90)
        except subprocess.TimeoutExpired:
            for group in groups:
                with contextlib.suppress(OSError):
                    os.killpg(group, signal.SIGKILL)
            supervisord.wait()
            raise


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
