"""`python -m benchmarks.slow_smtp`: a burst of staff alerts against a mail server taking 10 s each.

Starts the production stack (gunicorn and the task worker, tests/local_site.py)
with EMAIL_URL pointing at an SMTP server on loopback (aiosmtpd) that keeps
each message as soon as it has it all, then takes --delay seconds to answer,
serving every connection at once, as a slow relay does. Sends --alerts
callback requests in a burst (without a patient's email address, so each makes
one email: the staff alert), waits until every alert has arrived and none is
left to try, then prints:

- the alerts confirmed to patients and the emails the server received;
- duplicates: copies beyond the first of one Message-ID (must be 0);
- how long the backlog took to drain (from the first request to the server's
  answer for the last alert), beside alerts x delay / threads;
- whether /healthz said "email late" meanwhile (NOTIFICATION_LATE_MINUTES).

`--before` uses the settings before issue 10 (one email at a time, a 10 s
timeout) for comparison. Other benchmarks can call `measure()`.
"""

import argparse
import asyncio
import collections
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.local_site import (
    BIN,
    FORM_URL,
    RECEIVED_URL,
    ROOT,
    Browser,
    free_port,
    prepare,
    running_site,
    site_environment,
)


class SlowServer:
    """Keeps each message at once, answers `delay` seconds later."""

    def __init__(self, delay: float):
        self.delay = delay
        self.received: list[tuple[float, str]] = []  # (when, Message-ID)
        self.last_answer = 0.0  # when the last 250 went out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content)
        with self.lock:
            self.received.append((time.monotonic(), message["Message-ID"]))
        await asyncio.sleep(self.delay)
        self.last_answer = time.monotonic()
        return "250 Message accepted"

    def distinct(self) -> int:
        with self.lock:
            return len({message_id for _, message_id in self.received})


@dataclass
class Result:
    alerts: int
    delay: float
    threads: int
    timeout: float
    confirmed: int
    received: int
    duplicates: int
    most_copies: int
    drain_seconds: float
    healthz_said_late: bool

    def report(self) -> str:
        ideal = self.alerts * self.delay / self.threads
        return "\n".join(
            [
                f"{self.alerts} staff alerts, server {self.delay:g} s an email, "
                f"{self.threads} worker thread(s), SMTP timeout {self.timeout:g} s",
                f"  confirmed to patients:     {self.confirmed}",
                f"  emails received:           {self.received}",
                f"  duplicates:                {self.duplicates}  (most copies of one: "
                f"{self.most_copies}; target 0: {'met' if self.duplicates == 0 else 'MISSED'})",
                f"  backlog drained in:        {self.drain_seconds:.0f} s  "
                f"(alerts x delay / threads = {ideal:.0f} s)",
                f"  /healthz said email late:  {'yes' if self.healthz_said_late else 'no'}",
            ]
        )


def waiting_emails(env: dict) -> int:
    """Emails the site still has to send (or to try again), read from its database."""
    script = (
        "from appointments.models import Notification;"
        "print(Notification.objects.filter(status='pending').count())"
    )
    output = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output.strip().splitlines()[-1])


def send_burst(base: str, alerts: int) -> int:
    """One browser per patient, as fast as the site answers; returns the confirmed count."""
    confirmed = 0
    for number in range(alerts):
        answer = Browser(base).send_form(
            FORM_URL,
            {
                "full_name": f"Bench Patient {number}",
                "phone": f"413-555-01{number % 100:02d}",
                "zip_code": "01103",
                "procedure": "not-sure",
                "best_time": "any_time",
                "call_language": "en",
                "needs_interpreter": "no",
                "consent_to_call": "on",
                "email": "",
                "website": "",
            },
        )
        confirmed += answer.status == 302 and answer.location.endswith(RECEIVED_URL)
    return confirmed


def measure(
    *,
    alerts: int = 40,
    delay: float = 10,
    threads: int = 4,
    timeout: float = 60,
    late_minutes: int = 15,
    var_dir: Path | None = None,
) -> Result:
    """Run the burst on a fresh copy of the stack and return the figures."""
    own_dir = var_dir is None
    var_dir = var_dir or Path(tempfile.mkdtemp(prefix="neec-bench-smtp-"))
    server = SlowServer(delay)
    smtp_port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        env = site_environment(
            var_dir,
            free_port(),
            EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}?timeout={timeout:g}",
            TASK_WORKER_THREADS=str(threads),
            NOTIFICATION_LATE_MINUTES=str(late_minutes),
            CALLBACK_RATE_LIMIT="100000/h",
            CALLBACK_MIN_FILL_SECONDS="0",
        )
        if own_dir:
            prepare(env)
        with running_site(env) as base:
            started = time.monotonic()
            confirmed = send_burst(base, alerts)
            said_late = False
            deadline = started + alerts * max(delay, timeout) * 3 + 300
            while time.monotonic() < deadline:
                with urllib.request.urlopen(base + "/healthz", timeout=20) as response:
                    said_late |= response.read().startswith(b"email late")
                if server.distinct() >= confirmed and waiting_emails(env) == 0:
                    break
                time.sleep(2)
            time.sleep(delay + 2)  # any answer still on its way
        with server.lock:
            copies = collections.Counter(message_id for _, message_id in server.received)
        return Result(
            alerts=alerts,
            delay=delay,
            threads=threads,
            timeout=timeout,
            confirmed=confirmed,
            received=sum(copies.values()),
            duplicates=sum(copies.values()) - len(copies),
            most_copies=max(copies.values(), default=0),
            drain_seconds=max(server.last_answer - started, 0),
            healthz_said_late=said_late,
        )
    finally:
        controller.stop()
        if own_dir:
            shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=40, help="callback requests in the burst")
    parser.add_argument("--delay", type=float, default=10, help="seconds the server takes")
    parser.add_argument("--threads", type=int, default=4, help="TASK_WORKER_THREADS")
    parser.add_argument("--timeout", type=float, default=60, help="EMAIL_URL's ?timeout=")
    parser.add_argument("--late-minutes", type=int, default=15, help="NOTIFICATION_LATE_MINUTES")
    parser.add_argument(
        "--before",
        action="store_true",
        help="the settings before issue 10: one thread, a 10 s timeout",
    )
    args = parser.parse_args()
    if args.before:
        args.threads, args.timeout = 1, 10
    result = measure(
        alerts=args.alerts,
        delay=args.delay,
        threads=args.threads,
        timeout=args.timeout,
        late_minutes=args.late_minutes,
    )
    print(result.report())


if __name__ == "__main__":
    main()
