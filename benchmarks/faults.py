"""`make bench-faults`: the callback form under load, and under faults.

Each scenario starts supervisord as `make run` does (gunicorn with
production settings, the task worker and the scheduler) with a copy of one
prepared data folder (SQLite), a real SMTP server on loopback that counts each
staff email by its request's reference, and patients: real HTTP clients with
cookies, each visit a new browser that loads the form, waits the minimum fill
time, sends it and reads the confirmation page. Then it waits until every
request's staff email has arrived and the site has none left to send, reads the
database, and prints the figures and a verdict (met or MISSED):

  load          50 patients for 60 s (SQLite)
  load-postgres the same on PostgreSQL with Redis: a new database on the server of
                DATABASE_URL (dropped after), REDIS_URL's cache; skipped without them
  smtp-down     the same load, the SMTP server down for 30 s in the middle
  worker-kill   the same load, the task worker killed with SIGKILL in the middle
  web-kill      the same load, one gunicorn worker killed with SIGKILL in the middle
  slow-smtp     30 patients at once, an SMTP server taking 10 s to accept each message
  slow-body     8 clients sending a form body at one byte a second, while 10 patients
                load the form for 30 s: the share answered within 2 s
  load-200      200 patients for 30 s

For the bench, set in the site's environment: CALLBACK_MIN_FILL_SECONDS=1 (patients
wait 1 s, not 3), CALLBACK_RATE_LIMIT=1000000/h (every patient comes from
127.0.0.1), NOTIFICATION_RETRY_SECONDS=2 and NOTIFICATION_SWEEP_MINUTES=1 (retries
and the sweep sooner than the defaults, 30 s and 5 minutes). Patients leave no
email address, so each request makes one email: the staff alert.

    python -m benchmarks.faults                  every scenario (about half an hour)
    python -m benchmarks.faults --only smtp-down one (or several, comma-separated)
    python -m benchmarks.faults --quick          a few patients for a few seconds

Absolute figures depend on the machine and what else runs on it.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mail import Delivery, MailServer
from benchmarks.patients import Crowd, Visit
from tests.local_site import (
    BIN,
    FORM_URL,
    ROOT,
    Browser,
    free_port,
    manage,
    prepare,
    scratch_database,
    site_environment,
    supervised_site,
)

MIN_FILL_SECONDS = 1
BENCH_SETTINGS = {
    "CALLBACK_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
    "CALLBACK_RATE_LIMIT": "1000000/h",
    "NOTIFICATION_RETRY_SECONDS": "2",
    "NOTIFICATION_SWEEP_MINUTES": "1",
}
# Patients wait a little longer than the minimum, as the site measures it from its own clock.
FILL_SECONDS = MIN_FILL_SECONDS + 0.1


@dataclass
class Sizes:
    """How big and how long each scenario is: the full run, or --quick."""

    patients: int = 50
    seconds: float = 60
    smtp_down: tuple[float, float] = (15, 45)  # from, until (seconds into the load)
    kill_at: float = 30
    burst: int = 30  # slow-smtp: patients sending at once
    smtp_delay: float = 10
    slow_clients: int = 8
    slow_body_patients: int = 10
    slow_body_seconds: float = 30
    many_patients: int = 200
    many_seconds: float = 30
    settle_seconds: float = 120  # longest wait for the last email after the load
    kill_settle_seconds: float = 420  # after a worker was killed: its claim, then the sweep
    slow_settle_seconds: float = 600


QUICK = Sizes(
    patients=3,
    seconds=3,
    smtp_down=(1, 3),
    kill_at=2,
    burst=3,
    smtp_delay=1,
    slow_clients=2,
    slow_body_patients=2,
    slow_body_seconds=4,
    many_patients=6,
    many_seconds=3,
    settle_seconds=60,
    slow_settle_seconds=60,
)

FIGURES_SCRIPT = """
import json
from collections import Counter
from appointments.models import CallbackRequest, Notification
from django_tasks_db.models import DBTaskResult
print("FIGURES " + json.dumps({
    "references": list(CallbackRequest.objects.values_list("reference", flat=True)),
    "emails": Counter(Notification.objects.values_list("status", flat=True)),
    "tasks_running": DBTaskResult.objects.filter(status="RUNNING").count(),
}))
"""


class Site:
    """One scenario's site: its processes, settings and mail server."""

    def __init__(self, stack, env: dict, mail: MailServer):
        self.stack = stack
        self.env = env
        self.mail = mail
        self.base = stack.base
        self.staff = env["STAFF_NOTIFICATION_EMAILS"]

    def database(self) -> dict:
        """References saved, emails by state, task results left running: read by manage.py."""
        output = subprocess.run(
            [str(BIN / "python"), "manage.py", "shell", "--no-imports", "-c", FIGURES_SCRIPT],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(line for line in output.splitlines() if line.startswith("FIGURES "))
        return json.loads(line.removeprefix("FIGURES "))

    def alerts(self) -> dict[str, list[Delivery]]:
        return self.mail.received(self.staff)


class Bench:
    """The prepared data folder every scenario copies."""

    def __init__(self, work: Path, quick: bool):
        self.work = work
        self.template = work / "template"
        self.template.mkdir(mode=0o700)
        env = site_environment(self.template, free_port(), **BENCH_SETTINGS)
        # The admin's own static files are not used by patients: the quick run skips them.
        prepare(env, *(["--ignore", "admin"] if quick else []))

    @contextmanager
    def site(self, name: str, *, smtp_delay: float = 0, database_url: str = "", redis_url=""):
        """The stack for one scenario, on a copy of the data folder (or a fresh PostgreSQL
        database), with a mail server of its own that is up when the site starts."""
        with ExitStack() as stack:
            var_dir = Path(tempfile.mkdtemp(prefix=f"neec-faults-{name}-", dir=self.work))
            shutil.copytree(self.template, var_dir, dirs_exist_ok=True)
            mail = stack.enter_context(MailServer(delay=smtp_delay))
            settings = BENCH_SETTINGS | {"EMAIL_URL": mail.url}
            if database_url:
                settings["DATABASE_URL"] = database_url
            if redis_url:
                settings["REDIS_URL"] = redis_url
            env = site_environment(var_dir, free_port(), **settings)
            if database_url:
                manage(env, "migrate", "--noinput", "-v0")
                manage(env, "load_starter_content")
            if redis_url:
                manage(env, "clear_page_cache")  # the copied folder's own cache is empty
            # As `make run` runs it: supervisord, which starts again whatever dies. Every
            # process's output is in the data folder's log/terminal.log.
            yield Site(stack.enter_context(supervised_site(env)), env, mail)


# --- figures -------------------------------------------------------------------


@dataclass
class Outcome:
    """What patients saw, what the database holds and what staff received, after a run."""

    visits: list[Visit]
    database: dict
    alerts: dict[str, list[Delivery]]
    settled: bool  # every email arrived and the site has none left to send
    load_seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.confirmed]

    @property
    def references(self) -> set[str]:
        return {visit.reference for visit in self.confirmed if visit.reference}

    @property
    def unread(self) -> int:
        """Confirmations whose page could not be read, so whose reference is unknown."""
        return sum(1 for visit in self.confirmed if not visit.reference)

    @property
    def saved(self) -> set[str]:
        return set(self.database["references"])

    @property
    def without_row(self) -> set[str]:
        return self.references - self.saved

    @property
    def without_email(self) -> set[str]:
        return self.references - self.alerts.keys()

    @property
    def duplicates(self) -> int:
        """Staff emails beyond the first for each request."""
        return sum(len(deliveries) - 1 for deliveries in self.alerts.values())

    @property
    def twice_or_more(self) -> int:
        return sum(1 for deliveries in self.alerts.values() if len(deliveries) > 1)

    @property
    def server_errors(self) -> int:
        return sum(1 for visit in self.visits for status in visit.statuses if status >= 500)

    @property
    def failures(self) -> int:
        """Requests that got no answer at all (refused, reset, timed out)."""
        return sum(1 for visit in self.visits if visit.failure)

    def last_first_arrival(self) -> float | None:
        """When the last request's first staff email arrived (time.monotonic())."""
        firsts = [deliveries[0].at for ref, deliveries in self.alerts.items() if ref]
        return max(firsts) if firsts else None

    def last_arrival(self) -> float | None:
        """When the last staff email of all arrived, a repeated one included."""
        times = [d.at for deliveries in self.alerts.values() for d in deliveries]
        return max(times) if times else None

    def every_confirmation_kept(self) -> bool:
        return not (self.without_row or self.without_email or self.unread) and self.settled

    def print(self) -> None:
        statuses = Counter(status for visit in self.visits for status in visit.statuses)
        failures = Counter(visit.failure for visit in self.visits if visit.failure)
        posts = sorted(visit.post_seconds for visit in self.visits if visit.post_seconds)
        emails = self.database["emails"]
        print(
            f"visits {len(self.visits)} in {self.load_seconds:.0f} s; "
            f"requests confirmed {len(self.confirmed)} "
            f"({len(self.confirmed) / max(self.load_seconds, 1):.1f}/s)"
        )
        print(
            f"rows saved {len(self.saved)}; confirmed without a row {len(self.without_row)}; "
            f"confirmation page unread {self.unread}"
        )
        print(
            f"staff emails delivered {sum(len(d) for d in self.alerts.values())} "
            f"for {len(self.alerts)} requests; confirmed without an email "
            f"{len(self.without_email)}; arrived more than once {self.twice_or_more} "
            f"({self.duplicates} extra)"
        )
        print(
            "emails in the database: "
            + ", ".join(f"{state} {count}" for state, count in sorted(emails.items()))
            + f"; task results left running {self.database['tasks_running']}"
            + ("" if self.settled else "; NOT SETTLED (gave up waiting)")
        )
        print(
            "answers: "
            + ", ".join(f"{status} x{count}" for status, count in sorted(statuses.items()))
            + f"; 5xx {self.server_errors}; no answer {self.failures}"
            + (f" ({', '.join(f'{k} x{n}' for k, n in failures.items())})" if failures else "")
        )
        if len(posts) >= 2:
            cuts = statistics.quantiles(posts, n=100, method="inclusive")
            print(f"POST latency p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms")
        for note in self.notes:
            print(note)


def verdict(met: bool, target: str) -> bool:
    print(f"verdict: {'met' if met else 'MISSED'} ({target})")
    return met


def settle(site: Site, visits: list[Visit], timeout: float) -> tuple[dict, bool]:
    """Wait until every confirmed request's staff email has arrived and the site has no
    email left to send (or timeout seconds); return the database's figures and whether
    that happened."""
    references = {visit.reference for visit in visits if visit.reference}
    deadline = time.monotonic() + timeout
    while True:
        if references <= site.alerts().keys():
            database = site.database()
            if database["emails"].get("pending", 0) == 0:
                return database, True
        if time.monotonic() > deadline:
            return site.database(), False
        time.sleep(2)


def run_crowd(site: Site, patients: int, seconds: float, events=(), timeout: float = 20):
    """Patients for `seconds`; each event (at, what) is done `at` seconds in.
    Returns the visits and the load's length."""
    crowd = Crowd(site.base, patients, seconds, FILL_SECONDS, timeout=timeout).start()
    for at, what in sorted(events, key=lambda event: event[0]):
        time.sleep(max(0.0, at - crowd.elapsed()))
        what()
    visits = crowd.wait()
    return visits, crowd.elapsed()


def outcome_of(site: Site, visits, load_seconds, settle_seconds) -> Outcome:
    database, settled = settle(site, visits, settle_seconds)
    return Outcome(visits, database, site.alerts(), settled, load_seconds)


# --- scenarios -----------------------------------------------------------------


def load(bench: Bench, sizes: Sizes, *, patients=None, seconds=None, name="load", **db) -> bool:
    patients = patients or sizes.patients
    seconds = seconds or sizes.seconds
    where = "PostgreSQL and Redis" if db else "SQLite"
    print(f"{patients} patients for {seconds:g} s, {where}")
    with bench.site(name, **db) as site:
        visits, took = run_crowd(site, patients, seconds)
        outcome = outcome_of(site, visits, took, sizes.settle_seconds)
    outcome.print()
    return verdict(
        outcome.every_confirmation_kept() and outcome.server_errors == 0,
        "every confirmation has its row and its staff email; no 5xx",
    )


def load_postgres(bench: Bench, sizes: Sizes) -> bool | None:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        print("skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL to run it")
        return None
    # A database of the bench's own, never one the test suite uses.
    with scratch_database(database_url, "neec_bench") as url:
        return load(bench, sizes, name="load-postgres", database_url=url, redis_url=redis_url)


def load_many(bench: Bench, sizes: Sizes) -> bool:
    return load(
        bench, sizes, patients=sizes.many_patients, seconds=sizes.many_seconds, name="load-200"
    )


def smtp_down(bench: Bench, sizes: Sizes) -> bool:
    down, up = sizes.smtp_down
    print(
        f"{sizes.patients} patients for {sizes.seconds:g} s, SQLite; the SMTP server down "
        f"from {down:g} s to {up:g} s"
    )
    back = {}

    def smtp_back():
        site.mail.start()
        back["at"] = time.monotonic()

    with bench.site("smtp-down") as site:
        visits, took = run_crowd(
            site, sizes.patients, sizes.seconds, [(down, site.mail.stop), (up, smtp_back)]
        )
        outcome = outcome_of(site, visits, took, sizes.settle_seconds)
    last = outcome.last_first_arrival()
    after = f"{last - back['at']:.1f} s" if last else "never"
    outcome.notes.append(f"the last staff email arrived {after} after SMTP came back")
    outcome.print()
    return verdict(
        outcome.every_confirmation_kept() and outcome.server_errors == 0,
        "every confirmation has its row and its staff email; no 5xx",
    )


def worker_kill(bench: Bench, sizes: Sizes) -> bool:
    print(
        f"{sizes.patients} patients for {sizes.seconds:g} s, SQLite; at {sizes.kill_at:g} s the "
        "task worker killed with SIGKILL while it sends an email (the SMTP server has the "
        "message and has not answered yet), then started again"
    )
    killed = {}
    lock = threading.Lock()

    def kill_worker(delivery=None):
        with lock:
            if "at" in killed:
                return
            killed["pid"] = site.stack.kill("worker")
            killed["at"] = time.monotonic()
            killed["sending"] = delivery is not None

    def kill_during_a_send():
        site.mail.on_message = kill_worker
        deadline = time.monotonic() + 10
        while "at" not in killed and time.monotonic() < deadline:
            time.sleep(0.05)
        kill_worker()  # no email sent within 10 s: killed anyway
        site.mail.on_message = None
        site.stack.wait_back("worker", killed["pid"])
        killed["back"] = time.monotonic() - killed["at"]

    with bench.site("worker-kill") as site:
        visits, took = run_crowd(
            site, sizes.patients, sizes.seconds, [(sizes.kill_at, kill_during_a_send)]
        )
        outcome = outcome_of(site, visits, took, sizes.kill_settle_seconds)
    first, last = outcome.last_first_arrival(), outcome.last_arrival()
    outcome.notes.append(
        ("killed while sending an email" if killed["sending"] else "killed while idle")
        + f", running again {killed['back']:.1f} s later; every request had its staff email "
        + (f"{first - killed['at']:.0f} s after the kill" if first else "never")
        + (
            f", the last email of all (a repeat) came {last - killed['at']:.0f} s after it"
            if last and outcome.duplicates
            else ""
        )
    )
    outcome.print()
    return verdict(
        outcome.every_confirmation_kept() and outcome.server_errors == 0,
        f"every email arrives ({outcome.twice_or_more} arrived more than once)",
    )


def web_kill(bench: Bench, sizes: Sizes) -> bool:
    print(
        f"{sizes.patients} patients for {sizes.seconds:g} s, SQLite; one gunicorn worker "
        f"killed with SIGKILL at {sizes.kill_at:g} s"
    )
    killed = {}

    def kill_web_worker():
        workers = site.stack.gunicorn_workers()
        os.kill(workers[0], signal.SIGKILL)
        killed["pid"] = workers[0]

    with bench.site("web-kill") as site:
        visits, took = run_crowd(
            site, sizes.patients, sizes.seconds, [(sizes.kill_at, kill_web_worker)]
        )
        outcome = outcome_of(site, visits, took, sizes.settle_seconds)
        workers_after = len(site.stack.gunicorn_workers())
    failed = sum(
        1 for visit in visits if visit.failure or any(status >= 500 for status in visit.statuses)
    )
    outcome.notes.append(
        f"gunicorn workers afterwards {workers_after}; visits that failed {failed} "
        "(a 5xx or no answer)"
    )
    outcome.print()
    return verdict(
        outcome.every_confirmation_kept(),
        f"no confirmed request lost ({failed} failed visits seen by patients)",
    )


def slow_smtp(bench: Bench, sizes: Sizes) -> bool:
    print(
        f"{sizes.burst} patients sending at once, SQLite; the SMTP server takes "
        f"{sizes.smtp_delay:g} s to accept each message"
    )
    with bench.site("slow-smtp", smtp_delay=sizes.smtp_delay) as site:
        # A burst: each patient sends once (the load ends before any visit does).
        visits, took = run_crowd(site, sizes.burst, 0)
        sent_by = max((v.started for v in visits), default=time.monotonic()) + FILL_SECONDS
        outcome = outcome_of(site, visits, took, sizes.slow_settle_seconds)
    last = outcome.last_first_arrival()
    drained = f"{last - sent_by:.0f} s" if last else "never"
    outcome.notes.append(
        f"the last request's first staff email arrived {drained} after the burst"
        + (
            ""
            if outcome.settled
            else f"; the backlog had not drained after {sizes.slow_settle_seconds:g} s"
        )
    )
    outcome.print()
    return verdict(
        outcome.every_confirmation_kept() and outcome.duplicates == 0,
        "the backlog drains with no duplicate",
    )


class SlowBodies:
    """Clients that load the form, then send it back with its body at one byte a second,
    for ever: each connection the server closes is opened again at once.

    Each carries the form's cookies and its CSRF token in the headers, as a browser's
    would, so the site has to read the body before it can answer.
    """

    def __init__(self, base: str, clients: int):
        self.base = base
        self.address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._client, daemon=True) for _ in range(clients)]
        self.connections = 0

    def _headers(self) -> bytes:
        browser = Browser(self.base, timeout=30)
        browser.get(FORM_URL)
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in browser.cookies)
        return (
            f"POST {FORM_URL} HTTP/1.1\r\nHost: {self.address[0]}:{self.address[1]}\r\n"
            f"Origin: {self.base}\r\nReferer: {self.base}{FORM_URL}\r\n"
            f"Cookie: {cookies}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 100000\r\n\r\n"
        ).encode()

    def _client(self) -> None:
        while not self.stopping.is_set():
            try:
                headers = self._headers()
                with socket.create_connection(self.address, timeout=5) as sock:
                    self.connections += 1
                    sock.sendall(headers)
                    while not self.stopping.wait(1):
                        sock.sendall(b"a")
            except OSError:
                self.stopping.wait(0.1)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        time.sleep(2)  # the slow connections open before the patients come
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def slow_body(bench: Bench, sizes: Sizes) -> bool:
    print(
        f"{sizes.slow_clients} clients sending a form body at 1 byte/s, while "
        f"{sizes.slow_body_patients} patients use the form for {sizes.slow_body_seconds:g} s"
    )
    with bench.site("slow-body") as site, SlowBodies(site.base, sizes.slow_clients) as slow:
        visits, took = run_crowd(
            site, sizes.slow_body_patients, sizes.slow_body_seconds, timeout=10
        )
    loads = len(visits)
    quick = sum(1 for v in visits if v.form_seconds is not None and v.form_seconds <= 2)
    share = quick / loads if loads else 0.0
    form_times = sorted(v.form_seconds for v in visits if v.form_seconds is not None)
    median = f"{statistics.median(form_times) * 1000:.0f} ms" if form_times else "none"
    print(f"slow connections opened {slow.connections}; load lasted {took:.0f} s")
    print(
        f"form loads {loads}; answered within 2 s {quick} ({share:.0%}); "
        f"median form load {median}; no answer within 10 s {loads - len(form_times)}"
    )
    return verdict(share >= 0.95, "at least 95% of form loads answered within 2 s")


SCENARIOS = {
    "load": load,
    "load-postgres": load_postgres,
    "smtp-down": smtp_down,
    "worker-kill": worker_kill,
    "web-kill": web_kill,
    "slow-smtp": slow_smtp,
    "slow-body": slow_body,
    "load-200": load_many,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated scenarios to run: " + ", ".join(SCENARIOS))
    parser.add_argument("--quick", action="store_true", help="a few patients, a few seconds")
    parser.add_argument("--keep", action="store_true", help="keep the data and process logs")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else list(SCENARIOS)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        parser.error(f"no scenario {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    sizes = QUICK if args.quick else Sizes()

    work = Path(tempfile.mkdtemp(prefix="neec-faults-"))
    results = {}
    try:
        settings = ", ".join(f"{name}={value}" for name, value in BENCH_SETTINGS.items())
        print(f"Set for the bench: {settings}", flush=True)
        bench = Bench(work, args.quick)
        for name in names:
            print(f"\n== {name} ==", flush=True)
            results[name] = SCENARIOS[name](bench, sizes)
    finally:
        if args.keep:
            print(f"\nData folders and process logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\n== Summary ==")
    for name, met in results.items():
        print(f"{name:<14} {'skipped' if met is None else 'met' if met else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
