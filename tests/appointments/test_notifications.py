"""Emails about requests, sent by the real task worker to a real SMTP server on loopback."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import CallbackRequest, Notification
from appointments.notifications import (
    describe,
    is_permanent,
    notification_send,
    retry_wait,
)
from appointments.tasks import send_notification, sweep_notifications
from tests.appointments.factories import create_through_service
from tests.appointments.helpers import (
    PATIENT,
    email_text,
    good_answers,
    leaked_details,
    run_worker,
)
from tests.helpers import real_commits
from tests.local_site import FORM_URL

STAFF = "front-desk@clinic.example"


def send_request(client, **overrides):
    response = client.post(FORM_URL, good_answers(**(PATIENT | overrides)))
    assert response.status_code == 302
    return CallbackRequest.objects.get()


def staff_email(messages):
    [message] = [m for m in messages if m["X-Envelope-To"] == STAFF]
    return message


@real_commits
def test_staff_get_an_email_with_no_patient_details(port_placement, client, smtp_server, settings):
    """The staff email has the reference, the time and an admin link: nothing about the patient."""
    settings.SITE_URL = "https://clinic.example"
    callback_request = send_request(client)
    assert callback_request.procedure.title == "Port placement for chemotherapy"
    run_worker()
    message = staff_email(smtp_server.inbox.wait_for(2))
    text = email_text(message)
    assert message["Subject"] == f"New callback request {callback_request.reference}"
    assert callback_request.reference in text
    assert (
        f"https://clinic.example/admin/appointments/callbackrequest/{callback_request.pk}/change/"
        in text
    )
    assert "Received:" in text
    assert leaked_details(text) == [], "patient details leaked into the staff email"
    notification = Notification.objects.get(kind=Notification.Kind.STAFF_ALERT)
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 1)


@real_commits
def test_staff_are_told_of_a_correction_with_no_patient_details(
    port_placement, client, smtp_server
):
    """The same form sent again with a new phone number, after the first email went."""
    answers = good_answers(**PATIENT)
    client.post(FORM_URL, answers)
    run_worker()
    smtp_server.inbox.wait_for(2)
    client.post(FORM_URL, answers | {"phone": "413-555-0199"})
    run_worker()
    messages = smtp_server.inbox.wait_for(3)
    callback_request = CallbackRequest.objects.get()
    [correction] = [m for m in messages if "corrected" in m["Subject"]]
    assert correction["Subject"] == (
        f"Callback request {callback_request.reference} was corrected by the patient"
    )
    assert correction["X-Envelope-To"] == STAFF
    text = email_text(correction)
    assert "check the phone number before you call" in text
    assert leaked_details(text) == [], "patient details leaked into the correction email"
    assert "555-0199" not in text and "5550199" not in text  # nor the corrected number


@real_commits
def test_the_patient_gets_a_confirmation_with_only_the_reference(
    port_placement, client, smtp_server
):
    """The confirmation says the reference and what happens next; then the address is deleted."""
    callback_request = send_request(client)
    run_worker()
    messages = smtp_server.inbox.wait_for(2)
    [confirmation] = [m for m in messages if m["X-Envelope-To"] == PATIENT["email"]]
    text = email_text(confirmation)  # all but the To: line, the patient's own address
    assert callback_request.reference in text
    assert "within one business day" in text
    assert leaked_details(text) == [], "patient details leaked into the confirmation"
    callback_request.refresh_from_db()
    assert callback_request.email == ""


@real_commits
def test_with_smtp_down_the_request_is_kept_and_the_email_arrives_when_it_is_back(
    port_placement, client, smtp_server_down, settings
):
    """No email server: the patient is still confirmed; the worker retries until it gets through."""
    settings.NOTIFICATION_RETRY_SECONDS = 1
    response = client.post(FORM_URL, good_answers(**PATIENT))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the patient's confirmation
    callback_request = CallbackRequest.objects.get()

    run_worker()  # both emails fail: connection refused
    for notification in Notification.objects.all():
        assert notification.status == Notification.Status.PENDING
        assert notification.attempts == 1
        assert notification.last_error == "ConnectionRefusedError"
        assert notification.next_attempt_at > notification.last_attempt_at

    smtp_server_down.start()
    time.sleep(1.2)  # the first wait before a retry
    run_worker()
    messages = smtp_server_down.inbox.wait_for(2)
    assert sorted(m["X-Envelope-To"] for m in messages) == sorted([STAFF, PATIENT["email"]])
    assert all(callback_request.reference in email_text(m) for m in messages)
    text = email_text(staff_email(messages))
    assert leaked_details(text) == [], "patient details leaked into the retried staff email"
    for notification in Notification.objects.all():
        assert (notification.status, notification.attempts) == (Notification.Status.SENT, 2)


@real_commits
def test_the_sweep_resends_an_email_whose_task_was_lost(
    port_placement, client, smtp_server, settings
):
    """An email still waiting minutes later (its task lost) is queued again and sent."""
    send_request(client, email="")
    DBTaskResult.objects.all().delete()  # as if the worker's queue had been lost
    notification = Notification.objects.get()
    assert sweep_notifications.call() == 0  # too soon to call it stuck
    minutes_ago = timezone.now() - timedelta(minutes=settings.NOTIFICATION_SWEEP_MINUTES + 1)
    Notification.objects.update(created_at=minutes_ago)
    assert sweep_notifications.call() == 1
    run_worker()
    assert len(smtp_server.inbox.wait_for(1)) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


@real_commits
def test_an_email_is_never_sent_twice(port_placement, client, smtp_server):
    """Queued twice (a retry and a sweep), an email still goes out once."""
    send_request(client, email="")
    send_notification.enqueue(notification_id=Notification.objects.get().pk)
    run_worker()
    assert len(smtp_server.inbox.messages) == 1


@real_commits
def test_a_refused_address_is_given_up_on_at_once(port_placement, client, smtp_server):
    """When the server refuses the recipient for good (5xx), the email is marked failed."""

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such user"

    smtp_server.inbox.handle_RCPT = refuse
    send_request(client, email="")
    run_worker()
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error == "SMTPRecipientsRefused"


@real_commits
def test_a_confirmation_given_up_on_still_deletes_the_patients_address(
    port_placement, client, smtp_server
):
    """The address was only for the confirmation: when it cannot be sent, it is deleted too."""

    async def refuse_the_patient(server, session, envelope, address, rcpt_options):
        if address == PATIENT["email"]:
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.inbox.handle_RCPT = refuse_the_patient
    callback_request = send_request(client)
    run_worker()
    confirmation = Notification.objects.get(kind=Notification.Kind.PATIENT_CONFIRMATION)
    assert confirmation.status == Notification.Status.FAILED
    callback_request.refresh_from_db()
    assert callback_request.email == ""


@pytest.mark.django_db
def test_an_unexpected_error_is_retried_then_given_up_and_never_logged(settings, caplog):
    """A bug in sending is a failed try (its type kept, never its message), retried like others."""
    settings.MAILERS = {"default": {"BACKEND": "tests.appointments.helpers.BrokenMailer"}}
    callback_request = create_through_service(email=PATIENT["email"])
    confirmation = callback_request.notifications.get(kind=Notification.Kind.PATIENT_CONFIRMATION)

    notification_send(notification_id=confirmation.pk)
    confirmation.refresh_from_db()
    assert (confirmation.status, confirmation.attempts) == (Notification.Status.PENDING, 1)
    assert confirmation.last_error == "ValueError"
    assert confirmation.next_attempt_at > confirmation.last_attempt_at
    assert confirmation.claimed_until is None  # free for the retry already queued

    Notification.objects.filter(pk=confirmation.pk).update(
        created_at=timezone.now() - timedelta(days=4)  # failing for longer than three days
    )
    notification_send(notification_id=confirmation.pk)
    confirmation.refresh_from_db()
    assert confirmation.status == Notification.Status.FAILED
    assert confirmation.last_error == "ValueError"
    assert PATIENT["email"] not in caplog.text
    assert "cannot encode" not in caplog.text


def test_retries_wait_longer_each_time_up_to_half_an_hour(settings):
    """30 s, 1 min, 2 min, 4 min ... never more than 30 minutes."""
    settings.NOTIFICATION_RETRY_SECONDS = 30
    waits = [retry_wait(n).total_seconds() for n in range(1, 9)]
    assert waits == [30, 60, 120, 240, 480, 960, 1800, 1800]


def test_failure_descriptions_never_include_addresses():
    """What is logged about a failure is the kind of error and its code, never the recipients."""
    error = smtplib.SMTPRecipientsRefused({"maria.lopez@example.org": (550, b"No such user")})
    assert describe(error) == "SMTPRecipientsRefused"
    assert is_permanent(error)
    assert describe(smtplib.SMTPSenderRefused(451, b"try later", "x@y")) == (
        "SMTPSenderRefused (SMTP 451)"
    )
    assert not is_permanent(smtplib.SMTPSenderRefused(451, b"try later", "x@y"))
    assert not is_permanent(ConnectionRefusedError())
