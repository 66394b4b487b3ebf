"""Hostile values in every form the front desk uses (a request's page with its call log, the
list's actions), through the real admin signed in as Front desk (hypothesis): never a 5xx,
a refusal says why on the page and changes nothing, an accepted save stores clean text."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from appointments.models import CallAttempt, CallbackRequest
from appointments.typed_text import refused_characters
from tests.appointments.factories import make_callback_request
from tests.factories import make_staff_user, sign_in
from tests.helpers import examples
from tests.hostile_values import around, encode, hostile_value

pytestmark = pytest.mark.django_db

GOOD = {
    "status": "new",
    "assigned_to": "",
    "full_name": "Maria Lopez",
    "phone": "+14135550123",
    "call_attempts-TOTAL_FORMS": "1",
    "call_attempts-INITIAL_FORMS": "0",
    "call_attempts-0-made_at_0": "2026-11-27",
    "call_attempts-0-made_at_1": "10:30",
    "call_attempts-0-outcome": "voicemail",
    "call_attempts-0-note": "Left a message",
    "notifications-TOTAL_FORMS": "0",
    "notifications-INITIAL_FORMS": "0",
    "_save": "Save",
}


@pytest.fixture
def front_desk_browser():
    return sign_in(Client(), make_staff_user("desk", groups=["Front desk"]))


@pytest.fixture
def one_request():
    """One request, put back as it was before each example."""
    request = make_callback_request()

    def as_new():
        CallAttempt.objects.all().delete()
        CallbackRequest.objects.filter(pk=request.pk).update(
            full_name="Maria Lopez", phone="+14135550123", status="new", assigned_to=None
        )
        return request

    return as_new


def state(request) -> tuple:
    request.refresh_from_db()
    return (request.full_name, str(request.phone), request.status, request.assigned_to_id,
            CallAttempt.objects.count())  # fmt: skip


@hypothesis_settings(max_examples=examples(60))
@given(field=st.sampled_from(list(GOOD)), data=st.data())
def test_a_requests_page_with_a_hostile_value_never_a_5xx_nor_half_saved(
    front_desk_browser, one_request, field, data
):
    """Name, phone, status, assignment, a call's time, outcome and note, the formset's counts:
    a refusal is shown on the page and changes nothing; an accepted save stores clean text."""
    value = data.draw(around(GOOD[field]), label=field)
    request = one_request()
    before = state(request)
    url = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    body = encode({**GOOD, field: value}.items())
    response = front_desk_browser.generic(
        "POST", url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    after = state(request)
    if response.status_code == 302:
        assert refused_characters(after[0]) == []
        assert refused_characters(CallAttempt.objects.last().note if after[4] else "") == []
    elif response.status_code == 200:
        html = response.content.decode()
        assert "Please correct the error" in html or "errorlist" in html
        assert after == before, "a refused save changed something"
    else:
        assert after == before


@hypothesis_settings(max_examples=examples(30))
@given(action=st.one_of(st.sampled_from(["assign_to_me", "mark_closed"]), hostile_value),
       selected=st.lists(hostile_value, max_size=3))  # fmt: skip
def test_the_lists_actions_with_hostile_values_never_a_5xx(
    front_desk_browser, one_request, action, selected
):
    """Actions and selections that are not what the list offers: never a 5xx."""
    request = one_request()
    pairs = [("action", action), ("index", "0")]
    pairs += [("_selected_action", v) for v in [str(request.pk), *selected]]
    url = reverse("admin:appointments_callbackrequest_changelist")
    response = front_desk_browser.generic(
        "POST", url, encode(pairs), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    request.refresh_from_db()
    assert request.status in CallbackRequest.Status.values
