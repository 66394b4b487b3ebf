"""Emails about callback requests: to staff, and the patient's confirmation.

Neither carries a patient's details. Staff get the reference, the time and a
link to the request in the admin; the patient gets their reference and what
happens next. Sending happens only in the task worker, never in a request.

A failed send, whatever the cause (SMTP, the network, a bug), is tried again
with a growing wait (NOTIFICATION_RETRY_SECONDS, doubled each time, at most
30 minutes); a refusal that will not change (the
server rejects the address) or three days of failures stop the tries, and
the admin shows the state of every email. The sweep re-queues any email still
waiting well after its time, in case its task was lost.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackRequest, Notification
from procedures.models import ClinicDetails

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 120
LONGEST_WAIT = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(days=3)


def notification_send(*, notification_id: int) -> datetime | None:
    """Try to send one email now. Called by the task worker.

    Returns when to try again after a failure that may pass, otherwise None.
    """
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(
            claimed_until=now + timedelta(seconds=CLAIM_SECONDS),
            attempts=F("attempts") + 1,
            last_attempt_at=now,
        )
    )
    if not claimed:
        return None  # already sent, given up on, or being sent by another worker
    notification = Notification.objects.select_related("callback_request").get(pk=notification_id)
    try:
        build_message(notification).send()
    except Exception as error:
        # Any failure is tried again, never left pending for good. Only the kind
        # of error is kept and logged: its message may hold an address or content.
        return _record_failure(notification, error, now)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        claimed_until=None,
        next_attempt_at=None,
        last_error="",
    )
    _forget_patient_email(notification)
    logger.info(
        "%s for %s sent.", notification.get_kind_display(), notification.callback_request.reference
    )
    return None


def release_claim(notification_id: int) -> None:
    """Free the claim on an email whose sending task died with its worker.

    Called by appointments/task_recovery.py once that worker is known to be
    gone, before the task runs again, so the email is sent at once instead of
    when the claim would have run out. Had the server accepted it just before
    the worker died, it goes out twice; it is never lost.
    """
    Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
        claimed_until=None
    )


def _record_failure(notification: Notification, error: Exception, now) -> datetime | None:
    """Record a failed try; return when to try again, or None once it is given up."""
    reference = notification.callback_request.reference
    description = describe(error)
    gave_up = is_permanent(error) or now - notification.created_at > GIVE_UP_AFTER
    if gave_up:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED,
            claimed_until=None,
            next_attempt_at=None,
            last_error=description,
        )
        _forget_patient_email(notification)
        logger.error(
            "%s for %s could not be sent and will not be tried again: %s",
            notification.get_kind_display(),
            reference,
            description,
        )
        return None
    wait = retry_wait(notification.attempts)
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=None, next_attempt_at=now + wait, last_error=description
    )
    logger.warning(
        "%s for %s not sent (try %d: %s); trying again in %d seconds.",
        notification.get_kind_display(),
        reference,
        notification.attempts,
        description,
        wait.total_seconds(),
    )
    return now + wait


def _forget_patient_email(notification: Notification) -> None:
    """The address was asked for the confirmation only: once it is sent or given up, delete it."""
    if notification.kind == Notification.Kind.PATIENT_CONFIRMATION:
        CallbackRequest.objects.filter(pk=notification.callback_request_id).update(email="")


def retry_wait(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min ... at most 30 minutes (with the default setting)."""
    first = settings.NOTIFICATION_RETRY_SECONDS
    return min(timedelta(seconds=first * 2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def is_permanent(error: Exception) -> bool:
    """The mail server refused the sender or every recipient outright (a 5xx answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def describe(error: Exception) -> str:
    """The kind of failure and the server's code: never addresses or message text."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}" + (f" (SMTP {code})" if code else "")


def notifications_stuck(*, now=None) -> list[int]:
    """Emails still waiting well past their time (their task lost), marked as due now."""
    now = now or timezone.now()
    overdue_by = timedelta(minutes=settings.NOTIFICATION_SWEEP_MINUTES)
    stuck = Notification.objects.filter(
        Q(next_attempt_at__isnull=True, created_at__lt=now - overdue_by)
        | Q(next_attempt_at__lt=now - overdue_by),
        status=Notification.Status.PENDING,
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    ids = list(stuck.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(next_attempt_at=now)
    if ids:
        logger.warning("Sweep found %d email(s) still waiting; queueing them again.", len(ids))
    return ids


def build_message(notification: Notification) -> EmailMessage:
    callback_request = notification.callback_request
    context = {
        "reference": callback_request.reference,
        "received_at": timezone.localtime(callback_request.received_at),
        "clinic": ClinicDetails.objects.current(),
    }
    if notification.kind == Notification.Kind.STAFF_ALERT:
        admin_path = reverse(
            "admin:appointments_callbackrequest_change", args=[callback_request.pk]
        )
        context["admin_url"] = settings.SITE_URL + admin_path
        return EmailMessage(
            subject=f"New callback request {callback_request.reference}",
            body=render_to_string("appointments/email/staff_alert.txt", context),
            to=settings.STAFF_NOTIFICATION_EMAILS,
        )
    return EmailMessage(
        subject=f"We got your callback request ({callback_request.reference})",
        body=render_to_string("appointments/email/patient_confirmation.txt", context),
        to=[callback_request.email],
    )
