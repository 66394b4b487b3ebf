"""Writes about callback requests that touch several rows or send email."""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from appointments import consent, references
from appointments.business_days import one_business_day_after
from appointments.models import CallAttempt, CallbackRequest, Notification
from appointments.tasks import send_notification
from appointments.zip_codes import Place

logger = logging.getLogger(__name__)

REFERENCE_TRIES = 20


class DuplicateSubmission(Exception):
    """The same request was sent again; `existing` is the request made the first time.

    Either the same form came twice (a double click, a reload), or this visitor's
    last request, still new and minutes old, came again with the same answers on a
    fresh form (the back button, then Send).
    """

    def __init__(self, existing: CallbackRequest):
        super().__init__(existing.reference)
        self.existing = existing


def callback_request_create(
    *,
    full_name: str,
    phone,
    place: Place,
    procedure,
    best_time: str,
    email: str,
    consent_to_call: bool,
    consent_to_voicemail: bool,
    consent_to_text: bool,
    form_nonce: str,
    previous_reference: str | None = None,
) -> CallbackRequest:
    """Save a patient's request and its pending emails in one transaction.

    The emails are handed to the task worker only once the transaction has
    committed; if that fails, the request is still saved and the sweep sends
    them later. Raises DuplicateSubmission when this form was already sent, or
    when `previous_reference` (the request this visitor's session last sent) is
    the same request sent again (see CallbackRequestQuerySet.sent_again).
    """
    answers = {
        "full_name": full_name,
        "phone": phone,
        "zip_code": place.zip_code,
        "procedure": procedure,
        "best_time": best_time,
        "consent_to_call": consent_to_call,
        "consent_to_voicemail": consent_to_voicemail,
        "consent_to_text": consent_to_text,
    }
    existing = _already_sent(form_nonce)
    if existing is None and previous_reference:
        existing = CallbackRequest.objects.sent_again(
            reference=previous_reference, answers=answers, gave_email=bool(email)
        ).first()
    if existing is not None:
        raise DuplicateSubmission(existing)
    now = timezone.now()
    try:
        with transaction.atomic():
            callback_request = _save_with_fresh_reference(
                CallbackRequest(
                    **answers,
                    received_at=now,
                    # Weekdays as the clinic counts them, in its own time zone.
                    contact_due_at=one_business_day_after(timezone.localtime(now)),
                    town=place.town,
                    state=place.state,
                    county=place.county,
                    email=email,
                    consent_version=consent.CONSENT_VERSION,
                    consented_at=now,
                    form_token=form_nonce,
                )
            )
            kinds = [Notification.Kind.STAFF_ALERT]
            if email:
                kinds.append(Notification.Kind.PATIENT_CONFIRMATION)
            notifications = Notification.objects.bulk_create(
                Notification(callback_request=callback_request, kind=kind, created_at=now)
                for kind in kinds
            )
    except IntegrityError:
        # Two workers got past the check above at once: the unique token decides.
        existing = _already_sent(form_nonce)
        if existing is None:
            raise
        raise DuplicateSubmission(existing) from None

    logger.info("Callback request %s received.", callback_request.reference)
    for notification in notifications:
        transaction.on_commit(lambda pk=notification.pk: _hand_to_worker(pk))
    return callback_request


def _already_sent(form_nonce: str) -> CallbackRequest | None:
    return CallbackRequest.objects.filter(form_token=form_nonce).first()


def _save_with_fresh_reference(callback_request: CallbackRequest) -> CallbackRequest:
    for _ in range(REFERENCE_TRIES):
        callback_request.reference = references.new_reference()
        try:
            with transaction.atomic():
                callback_request.save()
            return callback_request
        except IntegrityError:
            if CallbackRequest.objects.filter(form_token=callback_request.form_token).exists():
                raise
    raise RuntimeError("Could not find a free callback reference.")


def _hand_to_worker(notification_id: int) -> None:
    """Queue an email for the worker. A failure here loses nothing: the sweep finds it."""
    try:
        send_notification.enqueue(notification_id=notification_id)
    except Exception:
        logger.exception(
            "Could not queue notification %s; the sweep will send it.", notification_id
        )


def call_attempt_record(
    *,
    callback_request: CallbackRequest,
    made_by,
    outcome: str,
    note: str = "",
    made_at: datetime | None = None,
) -> CallAttempt:
    """Log a call and move the request along: reached means Reached, any other try means Trying."""
    with transaction.atomic():
        attempt = CallAttempt.objects.create(
            callback_request=callback_request,
            made_by=made_by,
            outcome=outcome,
            note=note,
            made_at=made_at or timezone.now(),
        )
        # The status as stored now, not as this copy was loaded: a colleague may
        # have moved the request on (or closed it) since the form was opened.
        status = (
            CallbackRequest.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=callback_request.pk)
        )
        callback_request.status = status
        if outcome == CallAttempt.Outcome.REACHED and status in {
            CallbackRequest.Status.NEW,
            CallbackRequest.Status.TRYING,
        }:
            status = CallbackRequest.Status.REACHED
        elif status == CallbackRequest.Status.NEW:
            status = CallbackRequest.Status.TRYING
        if status != callback_request.status:
            callback_request.status = status
            callback_request.save(update_fields=["status"])
    return attempt


def callback_request_save(
    *, callback_request: CallbackRequest, fields, now: datetime | None = None
) -> None:
    """Save the named fields the front desk changed on a request.

    A request whose status becomes closed gets closed_at (the retention period
    counts from it); one reopened loses it. Closing a request that is already
    closed in the database keeps the closed_at stored there, even when this copy
    was loaded before someone else closed it.
    """
    fields = set(fields)
    with transaction.atomic():
        if "status" in fields:
            was_status, was_closed_at = (
                CallbackRequest.objects.select_for_update()
                .values_list("status", "closed_at")
                .get(pk=callback_request.pk)
            )
            if callback_request.status != CallbackRequest.Status.CLOSED:
                callback_request.closed_at = None
            elif was_status == CallbackRequest.Status.CLOSED and was_closed_at:
                callback_request.closed_at = was_closed_at
            else:
                callback_request.closed_at = now or timezone.now()
            fields.add("closed_at")
        callback_request.save(update_fields=sorted(fields))
