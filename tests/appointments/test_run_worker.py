"""`manage.py run_worker`: several emails at a time, so a burst drains against a slow server."""

import time

from django.core.management import call_command

from appointments.models import Notification
from tests.appointments.factories import create_through_service
from tests.conftest import real_commits

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
