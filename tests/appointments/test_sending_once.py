"""Each email goes out once, with one Message-ID, however slow the mail server is.

A real SMTP server on loopback keeps each message as soon as it has it all and
answers seconds later, as a slow server does; the real worker sends to it.
"""

import asyncio
import threading
import time

from django.db import connections

from appointments import notifications
from appointments.models import Notification
from appointments.notifications import message_id, notification_send
from config import smtp
from tests.appointments.factories import create_through_service
from tests.appointments.helpers import mailer_pointed_at, run_worker
from tests.helpers import real_commits

SLOW = 3  # seconds the server takes to answer the end of each message


def staff_alert() -> Notification:
    """A new request with no email address for the patient: one email, to staff."""
    return create_through_service(email="").notifications.get()


def send_in_a_thread(notification_id: int) -> None:
    """notification_send as another worker thread runs it, with its own database connection."""
    try:
        notification_send(notification_id=notification_id)
    finally:
        connections.close_all()


def settle(inbox, seconds: float = SLOW + 1):
    """Wait out any answer still pending, then return everything that arrived."""
    time.sleep(seconds)
    return inbox.messages


@real_commits
def test_a_server_slower_than_before_but_within_the_timeout_gets_the_email_once(
    smtp_server, settings
):
    """A 3 s answer with a 5 s timeout: one delivery, marked sent, with the email's Message-ID."""
    mailer_pointed_at(settings, smtp_server, timeout=SLOW + 2)
    smtp_server.inbox.delay = SLOW
    alert = staff_alert()
    run_worker()
    [message] = settle(smtp_server.inbox)
    alert.refresh_from_db()
    assert (alert.status, alert.attempts, alert.unanswered_handovers) == ("sent", 1, 0)
    assert message["Message-ID"] == message_id(alert)
    domain = settings.SITE_URL.removeprefix("https://")
    assert message["Message-ID"].startswith(f"<callback-{alert.pk}-staff-alert.")
    assert message["Message-ID"].endswith(f"@{domain}>")


@real_commits
def test_a_server_slower_than_the_timeout_gets_the_email_at_most_twice_with_one_message_id(
    smtp_server, settings
):
    """A 3 s answer with a 1 s timeout: the server has it but never says so in time.
    One more try, then it is taken as sent: two copies, one Message-ID, never a third."""
    mailer_pointed_at(settings, smtp_server, timeout=1)
    settings.NOTIFICATION_RETRY_SECONDS = 3
    smtp_server.inbox.delay = SLOW
    alert = staff_alert()

    run_worker()  # handed over, no answer in time: it may have arrived
    alert.refresh_from_db()
    assert (alert.status, alert.unanswered_handovers) == ("pending", 1)
    assert "no answer after the whole email went" in alert.last_error
    for _ in range(3):  # the retry, then more chances for a third copy
        time.sleep(2.5)
        run_worker()
    messages = settle(smtp_server.inbox)
    assert len(messages) == 2
    assert {m["Message-ID"] for m in messages} == {message_id(alert)}
    alert.refresh_from_db()
    assert (alert.status, alert.attempts) == ("sent", 2)
    assert alert.last_error.startswith("Taken as sent")


@real_commits
def test_an_email_handed_over_twice_by_workers_that_died_waiting_is_not_sent_again(
    smtp_server,
):
    """Two earlier tries handed it over and never heard back (their worker was killed):
    taken as sent, without a third copy."""
    alert = staff_alert()
    Notification.objects.filter(pk=alert.pk).update(unanswered_handovers=2, attempts=2)
    assert notification_send(notification_id=alert.pk) is None
    assert settle(smtp_server.inbox, 0.5) == []
    alert.refresh_from_db()
    assert alert.status == Notification.Status.SENT


@real_commits
def test_a_refusal_of_the_whole_message_is_an_answer_and_tried_again(smtp_server, settings):
    """The server says 451 to the end of the message: it does not have it; a later try
    sends it, and the refusal does not count towards 'taken as sent'."""
    answers = iter(["451 Try again later", "250 Message accepted"])
    received = smtp_server.inbox.handle_DATA

    async def refuse_once(server, session, envelope):
        answer = next(answers)
        if answer.startswith("250"):
            return await received(server, session, envelope)
        return answer

    smtp_server.inbox.handle_DATA = refuse_once
    settings.NOTIFICATION_RETRY_SECONDS = 1
    alert = staff_alert()
    run_worker()
    alert.refresh_from_db()
    assert (alert.status, alert.unanswered_handovers) == ("pending", 0)
    assert alert.last_error == "SMTPDataError (SMTP 451)"
    time.sleep(1.2)
    run_worker()
    assert len(settle(smtp_server.inbox, 0.5)) == 1
    alert.refresh_from_db()
    assert (alert.status, alert.attempts) == ("sent", 2)


@real_commits
def test_a_sender_whose_claim_ran_out_stops_before_handing_the_email_over(smtp_server, monkeypatch):
    """Two senders on one email: the first is so slow its claim runs out and the second
    takes over; the first finds out just before the end of the message and stops there."""
    monkeypatch.setattr(notifications, "CLAIM_SECONDS", 1)

    async def slow_recipient(server, session, envelope, address, rcpt_options):
        await asyncio.sleep(1.5)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.inbox.handle_RCPT = slow_recipient
    alert = staff_alert()
    first = threading.Thread(target=send_in_a_thread, args=[alert.pk])
    first.start()
    time.sleep(1.2)  # the first sender's claim has run out; it is still at RCPT
    notification_send(notification_id=alert.pk)
    first.join()
    assert len(settle(smtp_server.inbox, 0.5)) == 1
    alert.refresh_from_db()
    assert (alert.status, alert.attempts, alert.unanswered_handovers) == ("sent", 2, 0)


@real_commits
def test_many_senders_at_once_send_an_email_once(smtp_server):
    """Eight threads try the same email at the same moment: one sends it."""
    smtp_server.inbox.delay = 0.5
    alert = staff_alert()
    start = threading.Barrier(8)

    def send():
        start.wait()
        send_in_a_thread(alert.pk)

    senders = [threading.Thread(target=send) for _ in range(8)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(settle(smtp_server.inbox, 1)) == 1
    alert.refresh_from_db()
    assert (alert.status, alert.attempts) == ("sent", 1)


@real_commits
def test_a_failure_after_the_server_said_yes_is_not_a_failure(smtp_server, monkeypatch):
    """The server accepted the email; then closing the connection broke: it is sent, once."""

    def broken_quit(connection):
        raise OSError("the network went away after the 250")

    monkeypatch.setattr(smtp.SMTP, "quit", broken_quit)
    alert = staff_alert()
    assert notification_send(notification_id=alert.pk) is None
    assert len(settle(smtp_server.inbox, 0.5)) == 1
    alert.refresh_from_db()
    assert (alert.status, alert.attempts, alert.unanswered_handovers) == ("sent", 1, 0)
