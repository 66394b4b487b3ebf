"""Writes about callback requests that touch several rows or send email."""

import enum
import logging
from datetime import datetime
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from appointments import consent, references
from appointments.business_days import one_business_day_after
from appointments.models import CallAttempt, CallbackRequest, Notification
from appointments.tasks import send_notification
from appointments.zip_codes import Place

logger = logging.getLogger(__name__)

REFERENCE_TRIES = 20


class Outcome(enum.Enum):
    """What became of a form the patient sent."""

    NEW = "new"  # a new request
    ALREADY_HAD = "already_had"  # the same request sent again: nothing changed
    CORRECTED = "corrected"  # the same form sent again with answers changed: the request updated


class Submission(NamedTuple):
    callback_request: CallbackRequest
    outcome: Outcome


def callback_request_submit(
    *,
    full_name: str,
    phone,
    place: Place,
    procedure,
    best_time: str,
    call_language: str,
    call_language_other: str = "",
    needs_interpreter: str,
    page_language: str,
    email: str,
    consent_to_call: bool,
    consent_to_voicemail: bool,
    consent_to_text: bool,
    form_nonce: str,
    previous_reference: str | None = None,
) -> Submission:
    """Save what a patient sent: a new request, the one we have, or that one corrected.

    - The same form (`form_nonce`) sent again with the same answers (a double click,
      a reload), or this browser's last request (`previous_reference`) sent again on a
      fresh form with the same answers (Back, then Send; see
      CallbackRequestQuerySet.sent_again): the request we already have, unchanged.
    - The same form sent again with any answer changed (the patient went Back, fixed
      a typo, pressed Send): the request is updated to the new answers, so the clinic
      calls the right number (callback_request_correct).
    - Otherwise a new request, and its emails (callback_request_create).

    The form token is bound to the browser it was shown in (appointments/form_tokens.py),
    so a request is only ever found again, and shown, to the browser that sent it.
    """
    answers = {
        "full_name": full_name,
        "phone": phone,
        "zip_code": place.zip_code,
        "procedure": procedure,
        "best_time": best_time,
        "call_language": call_language,
        "call_language_other": call_language_other,
        "needs_interpreter": needs_interpreter,
        "consent_to_call": consent_to_call,
        "consent_to_voicemail": consent_to_voicemail,
        "consent_to_text": consent_to_text,
    }
    same_form = _already_sent(form_nonce)
    if same_form is None and previous_reference:
        sent_again = CallbackRequest.objects.sent_again(
            reference=previous_reference, answers=answers, gave_email=bool(email)
        ).first()
        if sent_again is not None:
            return Submission(sent_again, Outcome.ALREADY_HAD)
    if same_form is None:
        try:
            return Submission(
                callback_request_create(
                    answers=answers,
                    place=place,
                    email=email,
                    form_nonce=form_nonce,
                    page_language=page_language,
                ),
                Outcome.NEW,
            )
        except IntegrityError:
            # Two workers got past the check above at once: the unique token decides.
            same_form = _already_sent(form_nonce)
            if same_form is None:
                raise
    return callback_request_correct(
        callback_request=same_form,
        answers=answers,
        place=place,
        email=email,
        page_language=page_language,
    )


def callback_request_create(
    *, answers: dict, place: Place, email: str, form_nonce: str, page_language: str = "en"
) -> CallbackRequest:
    """Save a new request and its pending emails in one transaction.

    The emails are handed to the task worker only once the transaction has
    committed; if that fails, the request is still saved and the sweep sends
    them later. IntegrityError if a request with this form token exists.
    """
    now = timezone.now()
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
                page_language=page_language,
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
        for notification in notifications:
            transaction.on_commit(lambda pk=notification.pk: _hand_to_worker(pk))
    logger.info("Callback request %s received.", callback_request.reference)
    return callback_request


def callback_request_correct(
    *,
    callback_request: CallbackRequest,
    answers: dict,
    place: Place,
    email: str,
    page_language: str = "en",
) -> Submission:
    """The same form came again: keep the request, with the answers as last sent.

    Nothing changes when every answer is the same (ALREADY_HAD). Otherwise the
    answers are replaced and `corrected_at` set (CORRECTED); the wait still counts
    from the first send. A request the front desk had closed is opened again,
    since the correction may be the reason they could not reach the patient. The
    front desk is told by a second email, unless the first has not gone yet (it
    leads them to the corrected request anyway). A confirmation is sent if the
    correction added an email address and none was asked for before.

    The form's language alone is no answer: the same answers sent from the other
    language's page change nothing. A correction records it with the consent, as
    the words the patient agreed to were in it.
    """
    with transaction.atomic():
        stored = CallbackRequest.objects.select_for_update().get(pk=callback_request.pk)
        emails = {n.kind: n for n in stored.notifications.all()}
        confirmation = emails.get(Notification.Kind.PATIENT_CONFIRMATION)
        confirmation_waiting = (
            confirmation is not None and confirmation.status == Notification.Status.PENDING
        )
        # The address is kept only until its confirmation is sent, so a resend of the
        # same address counts as the same once the confirmation went.
        same_email = email == stored.email or (
            bool(email) == (confirmation is not None) and not confirmation_waiting
        )
        place_fields = {"town": place.town, "state": place.state, "county": place.county}
        if same_email and all(getattr(stored, k) == v for k, v in answers.items()):
            return Submission(stored, Outcome.ALREADY_HAD)

        now = timezone.now()
        for field, value in answers.items() | place_fields.items():
            setattr(stored, field, value)
        stored.consent_version = consent.CONSENT_VERSION
        stored.consented_at = now
        stored.page_language = page_language
        stored.corrected_at = now
        # The address is stored only for a confirmation still to send.
        stored.email = email if confirmation is None or confirmation_waiting else ""
        if stored.status == CallbackRequest.Status.CLOSED:
            stored.status = CallbackRequest.Status.NEW
            stored.closed_at = None
        stored.save()
        _count_change(stored, by=None, at=now)

        kinds = []
        staff_alert = emails.get(Notification.Kind.STAFF_ALERT)
        if (
            staff_alert is None or staff_alert.status != Notification.Status.PENDING
        ) and Notification.Kind.STAFF_CORRECTION not in emails:
            kinds.append(Notification.Kind.STAFF_CORRECTION)
        if email and confirmation is None:
            kinds.append(Notification.Kind.PATIENT_CONFIRMATION)
        for notification in Notification.objects.bulk_create(
            Notification(callback_request=stored, kind=kind, created_at=now) for kind in kinds
        ):
            transaction.on_commit(lambda pk=notification.pk: _hand_to_worker(pk))
    logger.info("Callback request %s corrected by the patient.", stored.reference)
    return Submission(stored, Outcome.CORRECTED)


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
        _count_change(callback_request, by=made_by, at=timezone.now())
    return attempt


def callback_request_save(
    *,
    callback_request: CallbackRequest,
    fields,
    now: datetime | None = None,
    changed_by=None,
) -> None:
    """Save the named fields the front desk changed on a request.

    A request whose status becomes closed gets closed_at (the retention period
    counts from it); one reopened loses it. Closing a request that is already
    closed in the database keeps the closed_at stored there, even when this copy
    was loaded before someone else closed it. A save that changes something
    records `changed_by` and counts one up (appointments/edit_conflicts.py).
    """
    fields = set(fields)
    if not fields:
        return
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
        _count_change(callback_request, by=changed_by, at=now or timezone.now())


def _count_change(callback_request: CallbackRequest, *, by, at: datetime) -> None:
    """One more change to the request, by whom (None: the patient, or not known) and when.

    Counted in the database (F), so two saves at once both count; the copy in hand
    learns the new count.
    """
    CallbackRequest.objects.filter(pk=callback_request.pk).update(
        version=F("version") + 1, changed_at=at, changed_by=by
    )
    callback_request.version, callback_request.changed_at, callback_request.changed_by_id = (
        CallbackRequest.objects.filter(pk=callback_request.pk)
        .values_list("version", "changed_at", "changed_by")
        .get()
    )


def callback_request_assign_to_me(*, callback_request: CallbackRequest, user) -> bool:
    """Assign a request nobody has taken to `user`; False if a colleague took it first.

    One conditional UPDATE, so two people clicking "Assign to me" at once cannot
    both get it: the second finds it taken and is told so.
    """
    with transaction.atomic():
        taken = (
            CallbackRequest.objects.filter(pk=callback_request.pk)
            .filter(Q(assigned_to__isnull=True) | Q(assigned_to=user))
            .update(assigned_to=user)
        )
        if taken:
            callback_request.assigned_to = user
            _count_change(callback_request, by=user, at=timezone.now())
    return bool(taken)
