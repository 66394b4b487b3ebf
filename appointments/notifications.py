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

Each email is sent once. Every try carries the same Message-ID, so a mail
client or server can recognise a repeat. A sender claims an email before
trying it, and checks that it still holds the claim just before the end of the
message goes out: two senders never both hand over the same email. A failure
before that point is tried again safely. A failure after it (no answer to the
end of the message: a timeout, a dropped connection, a worker stopped while
waiting) leaves it unknown whether the server took the email. That is tried
once more, as a missed alert is worse than a second copy with the same
Message-ID; a second unanswered handover is taken as sent, so an email is
delivered at most twice, and only when the server answers more slowly than the
timeout in EMAIL_URL (a minute by default; config/smtp.py).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Count, F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from appointments.models import CallbackRequest, Notification
from config import smtp
from config.email_url import DEFAULT_SMTP_TIMEOUT
from procedures.models import ClinicDetails

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 120
LONGEST_WAIT = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(days=3)
# Handovers with no answer before an email is taken as sent: at most one repeat.
MOST_UNANSWERED_HANDOVERS = 2
NO_ANSWER = "no answer after the whole email went to the mail server"


class ClaimLost(Exception):
    """Another sender took the email over (this one was too slow): it must not hand it over."""


def notification_send(*, notification_id: int) -> datetime | None:
    """Try to send one email now. Called by the task worker.

    Returns when to try again after a failure that may pass, otherwise None.
    """
    now = timezone.now()
    claim = now + timedelta(seconds=CLAIM_SECONDS)
    claimed = (
        Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=claim, attempts=F("attempts") + 1, last_attempt_at=now)
    )
    if not claimed:
        return None  # already sent, given up on, or being sent by another worker
    notification = Notification.objects.select_related("callback_request").get(pk=notification_id)
    if notification.unanswered_handovers >= MOST_UNANSWERED_HANDOVERS:
        _record_taken_as_sent(notification)  # the last sender stopped while waiting
        return None

    def hand_over():
        """Just before the end of the message: still ours? Then count it as handed over."""
        handed = Notification.objects.filter(
            pk=notification.pk, status=Notification.Status.PENDING, claimed_until=claim
        ).update(
            unanswered_handovers=F("unanswered_handovers") + 1,
            claimed_until=timezone.now() + smtp_timeout() + timedelta(seconds=CLAIM_SECONDS),
        )
        if not handed:
            raise ClaimLost

    def accepted():
        _record_sent(notification, handed_over=True)

    with smtp.watch(on_handover=hand_over, on_accepted=accepted) as handover:
        try:
            build_message(notification).send()
        except ClaimLost:
            logger.warning(
                "%s for %s: another sender took it over; this one stopped before handing it over.",
                notification.get_kind_display(),
                notification.callback_request.reference,
            )
            return None
        except Exception as error:
            if handover.accepted:  # the server took it; what failed came after
                _record_sent(notification, handed_over=True)
            elif handover.unanswered:
                return _record_unanswered(notification, error, now)
            else:
                # Any failure is tried again, never left pending for good. Only the kind
                # of error is kept and logged: its message may hold an address or content.
                return _record_failure(notification, error, now, handed_over=handover.answered)
    if not handover.handed_over:  # a mail backend that does not hand over (console, memory)
        _record_sent(notification, handed_over=False)
    _forget_patient_email(notification)
    logger.info(
        "%s for %s sent.", notification.get_kind_display(), notification.callback_request.reference
    )
    return None


def smtp_timeout() -> timedelta:
    """The longest wait for each answer from the mail server (EMAIL_URL's timeout)."""
    options = settings.MAILERS["default"].get("OPTIONS", {})
    return timedelta(seconds=options.get("timeout") or DEFAULT_SMTP_TIMEOUT)


def _record_sent(notification: Notification, *, handed_over: bool) -> None:
    """The server accepted it (this try's handover was answered, so no longer counts).

    Only once: recorded already (the server's 250, then a failure after it), it is left as is.
    """
    Notification.objects.filter(pk=notification.pk, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        claimed_until=None,
        next_attempt_at=None,
        last_error="",
        unanswered_handovers=F("unanswered_handovers") - int(handed_over),
    )


def _record_taken_as_sent(notification: Notification) -> None:
    """Handed over twice with no answer: the server most likely has it; stop trying."""
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        claimed_until=None,
        next_attempt_at=None,
        last_error=f"Taken as sent: {NO_ANSWER}, twice",
    )
    _forget_patient_email(notification)
    logger.warning(
        "%s for %s: %s, twice; taken as sent and not tried again.",
        notification.get_kind_display(),
        notification.callback_request.reference,
        NO_ANSWER,
    )


def _record_unanswered(notification: Notification, error: Exception, now) -> datetime | None:
    """No answer to the end of the message: it may have arrived. Try once more, then stop."""
    notification.refresh_from_db(fields=["unanswered_handovers"])
    if notification.unanswered_handovers >= MOST_UNANSWERED_HANDOVERS:
        _record_taken_as_sent(notification)
        return None
    wait = retry_wait(notification.attempts)
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=None,
        next_attempt_at=now + wait,
        last_error=f"{describe(error)}: {NO_ANSWER}; it may have arrived",
    )
    logger.warning(
        "%s for %s: %s (%s); it may have arrived. Trying once more in %d seconds.",
        notification.get_kind_display(),
        notification.callback_request.reference,
        NO_ANSWER,
        describe(error),
        wait.total_seconds(),
    )
    return now + wait


def release_claim(notification_id: int) -> None:
    """Free the claim on an email whose sending task died with its worker.

    Called by appointments/task_recovery.py once that worker is known to be
    gone, before the task runs again, so the email is sent at once instead of
    when the claim would have run out. Had the dead worker already handed the
    message over (unanswered_handovers counts it), the next try is the one more
    such an email gets: it may arrive twice, with one Message-ID; it is never lost.
    """
    Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
        claimed_until=None
    )


def _record_failure(
    notification: Notification, error: Exception, now, *, handed_over: bool = False
) -> datetime | None:
    """Record a failed try; return when to try again, or None once it is given up.

    handed_over: the server answered the end of the message with a refusal, so this
    try's handover no longer counts as unanswered.
    """
    reference = notification.callback_request.reference
    description = describe(error)
    gave_up = is_permanent(error) or now - notification.created_at > GIVE_UP_AFTER
    answered = {"unanswered_handovers": F("unanswered_handovers") - int(handed_over)}
    if gave_up:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED,
            claimed_until=None,
            next_attempt_at=None,
            last_error=description,
            **answered,
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
        claimed_until=None, next_attempt_at=now + wait, last_error=description, **answered
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


# Subject and body of each email to staff.
STAFF_EMAILS = {
    Notification.Kind.STAFF_ALERT: (
        "New callback request {reference}",
        "appointments/email/staff_alert.txt",
    ),
    Notification.Kind.STAFF_CORRECTION: (
        "Callback request {reference} was corrected by the patient",
        "appointments/email/staff_correction.txt",
    ),
}


@dataclass(frozen=True)
class StaffEmailsWaiting:
    """Staff emails not sent yet: how many, how long the oldest has waited, and if that is late."""

    count: int
    oldest_minutes: int
    limit_minutes: int

    @property
    def late(self) -> bool:
        return self.oldest_minutes >= self.limit_minutes


def staff_emails_waiting(*, now: datetime | None = None) -> StaffEmailsWaiting | None:
    """The staff emails still waiting to be sent (being tried, or to be tried again); None if
    none is. Only counts and times: no reference, nothing about a patient."""
    waiting = Notification.objects.filter(
        kind__in=STAFF_EMAILS, status=Notification.Status.PENDING
    ).aggregate(count=Count("pk"), oldest=Min("created_at"))
    if not waiting["count"]:
        return None
    age = (now or timezone.now()) - waiting["oldest"]
    return StaffEmailsWaiting(
        count=waiting["count"],
        oldest_minutes=max(int(age.total_seconds() // 60), 0),
        limit_minutes=settings.NOTIFICATION_LATE_MINUTES,
    )


def message_id(notification: Notification) -> str:
    """The same on every try: the email's number, kind and creation time, at the site's domain.

    The creation time keeps it unique if numbers are ever used again (a database
    restored from a backup), so a new alert is never hidden as a repeat of an old one.
    """
    kind = notification.kind.replace("_", "-")
    created = notification.created_at.astimezone(UTC).strftime("%Y%m%d%H%M%S%f")
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<callback-{notification.pk}-{kind}.{created}@{domain}>"


def build_message(notification: Notification) -> EmailMessage:
    callback_request = notification.callback_request
    headers = {"Message-ID": message_id(notification)}
    context = {
        "reference": callback_request.reference,
        "received_at": timezone.localtime(callback_request.received_at),
        "clinic": ClinicDetails.objects.current(),
    }
    if notification.kind in STAFF_EMAILS:
        admin_path = reverse(
            "admin:appointments_callbackrequest_change", args=[callback_request.pk]
        )
        context["admin_url"] = settings.SITE_URL + admin_path
        subject, template = STAFF_EMAILS[notification.kind]
        with translation.override(settings.LANGUAGE_CODE):  # the staff's, in English
            return EmailMessage(
                subject=subject.format(reference=callback_request.reference),
                body=render_to_string(template, context),
                to=settings.STAFF_NOTIFICATION_EMAILS,
                headers=headers,
            )
    # In the language of the form the patient used (the worker has no page to take it from);
    # the clinic's translated details are read in it too, as the template shows them.
    with translation.override(callback_request.page_language or settings.LANGUAGE_CODE):
        return EmailMessage(
            subject=gettext("We got your callback request (%(reference)s)")
            % {"reference": callback_request.reference},
            body=render_to_string("appointments/email/patient_confirmation.txt", context),
            to=[callback_request.email],
            headers=headers,
        )
