"""Sending the callback form: saved once, redirected, confirmed; abuse checks refuse kindly."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from appointments import consent, form_tokens, services
from appointments.models import CallbackRequest, Notification
from appointments.references import ALPHABET
from appointments.services import DuplicateSubmission
from tests.appointments.conftest import another_patient, error_summary, form_page, good_answers
from tests.appointments.factories import create_through_service
from tests.local_site import FORM_URL, RECEIVED_URL

pytestmark = pytest.mark.django_db


def test_a_valid_request_is_saved_with_its_consent_record(client):
    """Everything the patient gave is stored, with the consent wording's version and the time."""
    response = client.post(FORM_URL, good_answers(consent_to_text="on", email="maria@example.org"))
    assert response.status_code == 302
    saved = CallbackRequest.objects.get()
    assert saved.full_name == "Maria Lopez"
    assert (saved.zip_code, saved.town, saved.state, saved.county) == (
        "01103",
        "Springfield",
        "MA",
        "Hampden",
    )
    assert saved.procedure is None  # "Not sure yet"
    assert saved.best_time == "weekday_morning"
    assert (saved.consent_to_call, saved.consent_to_voicemail, saved.consent_to_text) == (
        True,
        False,
        True,
    )
    assert saved.consent_version == consent.CONSENT_VERSION
    assert saved.consented_at == saved.received_at
    assert saved.status == CallbackRequest.Status.NEW
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM appointments_callbackrequest")
        assert cursor.fetchone()[0] == "+14135550123"


def test_a_valid_request_queues_an_email_to_staff_and_one_to_the_patient(client):
    """One email to staff always; a confirmation only when the patient gave an address."""
    client.post(FORM_URL, good_answers(email="maria@example.org"))
    client.post(FORM_URL, another_patient(1, full_name="Ann Lee"))
    kinds = sorted(Notification.objects.values_list("callback_request__full_name", "kind"))
    assert kinds == [
        ("Ann Lee", "staff_alert"),
        ("Maria Lopez", "patient_confirmation"),
        ("Maria Lopez", "staff_alert"),
    ]


def test_sending_redirects_to_a_confirmation_with_the_reference(client):
    """Post, redirect, get: the confirmation shows the reference, what happens next, the phone."""
    response = client.post(FORM_URL, good_answers())
    assert response["Location"] == RECEIVED_URL
    page = form_page(client.get(RECEIVED_URL))
    reference = CallbackRequest.objects.get().reference
    assert page.select_one(".reference").get_text(strip=True) == reference
    text = page.main.get_text(" ", strip=True)
    assert "within one business day" in text
    assert "The call will come from 413-693-2852" in text
    assert "In an emergency, call 911" in text


def test_references_are_short_and_easy_to_read_aloud(client, settings):
    """CB- then four characters with no look-alikes (no 0/O, 1/I/L, 5/S, 8/B)."""
    settings.CALLBACK_RATE_LIMIT = "100/h"
    for n in range(30):
        client.post(FORM_URL, another_patient(n))
    assert CallbackRequest.objects.count() == 30
    for reference in CallbackRequest.objects.values_list("reference", flat=True):
        assert re.fullmatch(rf"CB-[{ALPHABET}]{{4}}", reference)
        assert not set(reference[3:]) & set("0O1IL5S8B2Z")


def test_nothing_about_the_patient_is_in_the_address_bar(client):
    """Neither the redirect nor the confirmation address carries any detail."""
    response = client.post(FORM_URL, good_answers())
    assert "?" not in response["Location"]
    assert "Maria" not in response["Location"] and "01103" not in response["Location"]


def test_reloading_the_confirmation_creates_nothing_new(client):
    """A reload of the confirmation page is only a page view."""
    client.post(FORM_URL, good_answers())
    for _ in range(3):
        assert client.get(RECEIVED_URL).status_code == 200
    assert CallbackRequest.objects.count() == 1


def test_sending_the_same_form_twice_makes_one_request(client):
    """A double click or the back button resends the same form: one request, same reference."""
    answers = good_answers()
    first = client.post(FORM_URL, answers)
    second = client.post(FORM_URL, answers)
    assert first.status_code == second.status_code == 302
    assert CallbackRequest.objects.count() == 1
    assert Notification.objects.count() == 1
    reference = CallbackRequest.objects.get().reference
    assert form_page(client.get(RECEIVED_URL)).select_one(".reference").get_text() == reference


def test_a_resent_form_from_a_browser_without_the_session_still_sees_its_reference(client):
    """If the first answer never reached the browser, the second still shows the same reference."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    client.cookies.clear()
    client.post(FORM_URL, answers)
    assert CallbackRequest.objects.count() == 1
    page = form_page(client.get(RECEIVED_URL))
    assert page.select_one(".reference").get_text() == CallbackRequest.objects.get().reference


def going_back_and_sending_again(client, **changes):
    """The patient sends the form, presses Back (a fresh form: no-store) and sends again."""
    client.post(FORM_URL, good_answers())
    first = CallbackRequest.objects.get()
    client.get(FORM_URL)
    response = client.post(FORM_URL, good_answers(**changes))  # a new one-time token
    return first, response


def test_back_then_send_again_keeps_the_one_request(client):
    """Same visitor, same answers, minutes later, still new: the request we already have."""
    first, response = going_back_and_sending_again(client)
    assert response["Location"] == RECEIVED_URL
    assert CallbackRequest.objects.get() == first
    assert Notification.objects.count() == 1
    page = form_page(client.get(RECEIVED_URL))
    assert page.h1.get_text(strip=True) == "We already have your request"
    assert page.select_one(".reference").get_text() == first.reference


@pytest.mark.parametrize(
    "changes",
    [
        {"full_name": "Maria L. Lopez"},
        {"best_time": "any_time"},
        {"zip_code": "01104"},
        {"email": "maria@example.org"},
        {"consent_to_text": "on"},
    ],
    ids=["name corrected", "best time", "ZIP", "email added", "texts allowed"],
)
def test_back_then_send_with_any_answer_changed_is_saved_as_a_new_request(client, changes):
    """A patient who goes back to fix an answer loses nothing: the corrected form is saved."""
    first, _ = going_back_and_sending_again(client, **changes)
    assert CallbackRequest.objects.count() == 2
    second = CallbackRequest.objects.exclude(pk=first.pk).get()
    assert form_page(client.get(RECEIVED_URL)).select_one(".reference").get_text() == (
        second.reference
    )


def test_back_then_send_with_an_email_is_the_same_request_after_its_confirmation_went(client):
    """The stored address is deleted once the confirmation goes; a resend still matches."""
    client.post(FORM_URL, good_answers(email="maria@example.org"))
    CallbackRequest.objects.update(email="")  # as after the confirmation was sent
    client.get(FORM_URL)
    client.post(FORM_URL, good_answers(email="maria@example.org"))
    assert CallbackRequest.objects.count() == 1


def test_back_then_send_with_another_phone_number_is_a_new_request(client):
    """A different phone number is another request (someone else in the family, say)."""
    going_back_and_sending_again(client, phone="413-555-0199")
    assert CallbackRequest.objects.count() == 2
    assert form_page(client.get(RECEIVED_URL)).h1.get_text(strip=True) == "We got your request"


def test_the_same_phone_is_a_new_request_once_the_first_is_being_worked(client):
    """Once the front desk has acted on the first request, a new one is taken."""
    client.post(FORM_URL, good_answers())
    CallbackRequest.objects.update(status=CallbackRequest.Status.TRYING)
    client.post(FORM_URL, good_answers())
    assert CallbackRequest.objects.count() == 2


def test_the_same_phone_is_a_new_request_after_half_an_hour(client):
    """After 30 minutes the same visitor and phone make a new request."""
    client.post(FORM_URL, good_answers())
    CallbackRequest.objects.update(received_at=timezone.now() - timedelta(minutes=31))
    client.post(FORM_URL, good_answers())
    assert CallbackRequest.objects.count() == 2


def test_the_same_phone_from_another_visitor_is_a_new_request(client):
    """Only the session that sent a request can resend it; another browser is another visit."""
    client.post(FORM_URL, good_answers())
    client.cookies.clear()
    client.post(FORM_URL, good_answers())
    assert CallbackRequest.objects.count() == 2


def test_the_service_refuses_the_sessions_last_request_sent_again():
    """callback_request_create holds the rule: same answers, still new, within 30 minutes."""
    first = create_through_service()
    with pytest.raises(DuplicateSubmission) as raised:
        create_through_service(previous_reference=first.reference)
    assert raised.value.existing == first
    other = create_through_service(previous_reference=first.reference, phone="+14135550199")
    assert CallbackRequest.objects.count() == 2
    assert other.reference != first.reference


def test_two_saves_racing_with_one_form_token_make_one_request():
    """The second save of one form finds the first request instead of making another."""
    first = create_through_service(form_nonce="same-nonce")
    with pytest.raises(DuplicateSubmission) as raised:
        create_through_service(form_nonce="same-nonce", full_name="Someone Else")
    assert raised.value.existing == first
    assert CallbackRequest.objects.count() == 1


def test_two_workers_racing_past_the_check_are_settled_by_the_database(monkeypatch):
    """If both saves checked before either committed, the unique token still allows one."""
    first = create_through_service(form_nonce="same-nonce")
    checks = iter([None])  # the second save's first check saw nothing yet
    real_check = services._already_sent
    monkeypatch.setattr(services, "_already_sent", lambda nonce: next(checks, real_check(nonce)))
    with pytest.raises(DuplicateSubmission) as raised:
        create_through_service(form_nonce="same-nonce")
    assert raised.value.existing == first
    assert CallbackRequest.objects.count() == 1


def test_the_confirmation_page_without_a_request_goes_to_the_form(client):
    """Opening the confirmation address directly leads to the form."""
    response = client.get(RECEIVED_URL)
    assert response.status_code == 302
    assert response["Location"] == FORM_URL


def test_the_honeypot_refuses_with_a_plain_message_and_keeps_the_answers(client):
    """A filled hidden box saves nothing, but says so and keeps everything typed."""
    response = client.post(FORM_URL, good_answers(website="http://spam.example"))
    assert response.status_code == 200
    assert error_summary(response)[0][1].startswith("Something on this page went wrong.")
    assert form_page(response).find("input", attrs={"name": "full_name"})["value"] == "Maria Lopez"
    assert not CallbackRequest.objects.exists()


def test_the_honeypot_is_hidden_from_people(client):
    """People never see or tab to the hidden box."""
    page = form_page(client.get(FORM_URL))
    box = page.find("input", attrs={"name": "website"})
    assert box["tabindex"] == "-1"
    assert box.find_parent(class_="leave-empty")["aria-hidden"] == "true"


def test_a_form_sent_too_quickly_comes_back_with_a_message_and_a_new_token(client, settings):
    """A form sent within seconds of loading is returned, answers kept, ready to send again."""
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    answers = good_answers()
    response = client.post(FORM_URL, answers)
    assert response.status_code == 200
    assert error_summary(response)[0][1] == (
        "That was quicker than we expected. Please check your details, then press Send again."
    )
    assert not CallbackRequest.objects.exists()
    page = form_page(response)
    assert page.find("input", attrs={"name": "phone"})["value"] == "(413) 555-0123"
    new_token = page.find("input", attrs={"name": "form_token"})["value"]
    assert new_token != answers["form_token"]

    answers["form_token"] = form_tokens.issue(now=time.time() - 4)  # as if four seconds passed
    assert client.post(FORM_URL, answers).status_code == 302
    assert CallbackRequest.objects.count() == 1


def test_a_form_taking_three_seconds_or_more_is_accepted(client, settings):
    """The minimum wait is three seconds, no more."""
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    response = client.post(
        FORM_URL, good_answers(form_token=form_tokens.issue(now=time.time() - 3))
    )
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["", "made-up", form_tokens.issue(now=time.time() - 2 * 86400)])
def test_a_missing_altered_or_day_old_token_asks_to_send_again(client, token):
    """Without a good token nothing is saved; the page explains and offers a fresh token."""
    response = client.post(FORM_URL, good_answers(form_token=token))
    assert response.status_code == 200
    assert error_summary(response)[0][1].startswith("This page was open for a long time.")
    assert not CallbackRequest.objects.exists()


def test_the_form_is_protected_against_cross_site_posts():
    """A post without the CSRF token is refused."""
    response = Client(enforce_csrf_checks=True).post(FORM_URL, good_answers())
    assert response.status_code == 403
    assert not CallbackRequest.objects.exists()


def test_form_pages_are_never_cached(client):
    """Every visitor gets a fresh one-time token: the form is never served from a cache."""
    response = client.get(FORM_URL)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    first = form_page(response).find("input", attrs={"name": "form_token"})["value"]
    second = form_page(client.get(FORM_URL)).find("input", attrs={"name": "form_token"})["value"]
    assert first != second
