"""Callback requests made directly, for tests of the front desk's queue."""

import secrets

from django.utils import timezone

from appointments.business_days import one_business_day_after
from appointments.models import CallbackRequest
from appointments.references import new_reference
from appointments.services import Submission, callback_request_submit
from appointments.zip_codes import lookup


def make_callback_request(*, received_at=None, **fields) -> CallbackRequest:
    received_at = received_at or timezone.now()
    values = {
        "reference": new_reference(),
        "received_at": received_at,
        "contact_due_at": one_business_day_after(received_at),
        "full_name": "Maria Lopez",
        "phone": "+14135550123",
        "zip_code": "01103",
        "town": "Springfield",
        "state": "MA",
        "county": "Hampden",
        "best_time": CallbackRequest.BestTime.ANY,
        "call_language": CallbackRequest.CallLanguage.ENGLISH,
        "needs_interpreter": CallbackRequest.Interpreter.NO,
        "page_language": CallbackRequest.PageLanguage.ENGLISH,
        "consent_to_call": True,
        "consent_to_voicemail": False,
        "consent_to_text": False,
        "consent_version": "test",
        "consented_at": received_at,
        "form_token": secrets.token_urlsafe(24),
        **fields,
    }
    if values.get("status") == CallbackRequest.Status.CLOSED:
        values.setdefault("closed_at", received_at)  # closed as it came in, unless given
    return CallbackRequest.objects.create(**values)


def create_through_service(**overrides) -> CallbackRequest:
    """A request saved the way the form saves one (callback_request_submit)."""
    return submit_through_service(**overrides).callback_request


def submit_through_service(**overrides) -> Submission:
    """What callback_request_submit makes of a form with these answers."""
    answers = {
        "full_name": "Maria Lopez",
        "phone": "+14135550123",
        "place": lookup("01103"),
        "procedure": None,
        "best_time": "any_time",
        "call_language": "en",
        "call_language_other": "",
        "needs_interpreter": "no",
        "page_language": "en",
        "email": "",
        "consent_to_call": True,
        "consent_to_voicemail": False,
        "consent_to_text": False,
        "form_nonce": secrets.token_urlsafe(24),
    }
    return callback_request_submit(**(answers | overrides))
