"""`manage.py run_worker`: several emails at a time, so a burst drains against a slow server."""

import signal
import subprocess
import time

from django.core.management import call_command

from appointments.models import Notification
from tests import local_site
from tests.appointments.factories import create_through_service
from tests.appointments.helpers import SmtpServer
from tests.helpers import real_commits

BURST = 30
SLOW = 1  # seconds the server takes to answer each message
THREADS = 6


def run_worker(threads: int) -> float:
    """Run the real worker until the queue is empty; return how long it took."""
    started = time.monotonic()
    call_command(
        "run_worker", threads=threads, batch=True, startup_delay=False, reload=False, verbosity=0
    )
    return time.monotonic() - started


@real_commits
def test_a_burst_of_staff_emails_drains_several_at_a_time(smtp_server):
    """30 alerts, a server taking 1 s each, 6 threads: about 5 s, not 30; each arrives once."""
    smtp_server.inbox.delay = SLOW
    for _ in range(BURST):
        create_through_service(email="")
    seconds = run_worker(THREADS)
    print(f"{BURST} emails, {SLOW} s each, {THREADS} threads: {seconds:.1f} s")
    assert seconds < BURST * SLOW / 2, f"{seconds:.1f} s for {BURST} emails"
    messages = smtp_server.inbox.wait_for(BURST)
    time.sleep(SLOW)
    assert len(smtp_server.inbox.messages) == BURST
    assert len({m["Message-ID"] for m in messages}) == BURST
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}


def test_stopping_the_worker_lets_the_email_being_sent_finish(tmp_path):
    """SIGTERM while an email waits for the server's answer: the worker waits for it, records
    the email as sent, and exits with status 0 (a supervisor's ordinary stop loses nothing)."""
    server = SmtpServer()
    server.inbox.delay = SLOW * 3
    server.start()
    env = local_site.site_environment(
        tmp_path, local_site.free_port(), EMAIL_URL=f"smtp://127.0.0.1:{server.port}?timeout=30"
    )
    try:
        local_site.manage(env, "migrate", "--noinput", "-v0")
        shell(env, "from tests.appointments.factories import create_through_service as c; c()")
        worker = subprocess.Popen(
            [str(local_site.BIN / "python"), "manage.py", "run_worker", "--threads", "2"],
            cwd=local_site.ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert len(server.inbox.wait_for(1, timeout=30)) == 1  # handed over; no answer yet
        stopped_at = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0, worker.stderr.read()
        assert time.monotonic() - stopped_at > SLOW  # it waited for the answer
        assert shell(env, STATUSES) == "sent"
        assert len(server.inbox.messages) == 1
    finally:
        server.stop()


STATUSES = (
    "from appointments.models import Notification as N;"
    "print(*N.objects.values_list('status', flat=True))"
)


def shell(env: dict, code: str) -> str:
    output = subprocess.run(
        [str(local_site.BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=local_site.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return output.strip().splitlines()[-1]  # after the shell's own note
