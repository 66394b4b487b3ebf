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
from appointments.services import Outcome
from tests.appointments.factories import create_through_service, submit_through_service
from tests.appointments.helpers import (
    TEST_BROWSER,
    another_patient,
    error_summary,
    form_page,
    good_answers,
    opened_the_form,
    token_for,
)
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


def test_a_form_sent_again_from_another_browser_is_refused_without_showing_a_reference(client):
    """A form's token works only in the browser it was shown in: another browser (or this one
    after its cookies were cleared) is asked to send again, and never sees the request."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    reference = CallbackRequest.objects.get().reference
    client.cookies.clear()
    response = client.post(FORM_URL, answers)
    assert response.status_code == 200
    assert error_summary(response)[0][1].startswith("This page has expired.")
    assert reference not in response.content.decode()
    assert form_page(response).select_one("#id_phone")["value"] == answers["phone"]
    assert client.get(RECEIVED_URL).status_code == 302  # no reference for this browser
    assert CallbackRequest.objects.count() == 1


def sending_one_form_twice(client, **changes):
    """The patient sends the form, goes Back to the same page (same token), changes answers,
    and presses Send again."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    first = CallbackRequest.objects.get()
    response = client.post(FORM_URL, answers | changes)
    return first, response


def test_the_same_form_sent_again_with_a_corrected_phone_updates_the_request(client):
    """The clinic calls the number the patient sent last, and the patient is told so."""
    first, response = sending_one_form_twice(client, phone="413-555-0199")
    assert response["Location"] == RECEIVED_URL
    corrected = CallbackRequest.objects.get()
    assert corrected.pk == first.pk and corrected.reference == first.reference
    assert corrected.phone.as_e164 == "+14135550199"
    assert corrected.corrected_at is not None
    assert corrected.received_at == first.received_at  # the wait counts from the first send
    assert corrected.contact_due_at == first.contact_due_at
    page = form_page(client.get(RECEIVED_URL))
    assert page.h1.get_text(strip=True) == "We updated your request"
    assert page.select_one(".reference").get_text() == first.reference


@pytest.mark.parametrize(
    "changes",
    [
        {"full_name": "Maria L. Lopez"},
        {"best_time": "any_time"},
        {"zip_code": "01104"},
        {"consent_to_text": "on"},
    ],
    ids=["name", "best time", "ZIP", "texts allowed"],
)
def test_every_answer_changed_on_the_same_form_is_kept(client, changes):
    """Whatever the patient fixed is what the front desk sees."""
    sending_one_form_twice(client, **changes)
    corrected = CallbackRequest.objects.get()
    assert corrected.corrected_at is not None
    if "zip_code" in changes:
        assert (corrected.zip_code, corrected.town) == ("01104", "Springfield")
    if "consent_to_text" in changes:
        assert corrected.consent_to_text


def test_a_correction_before_the_staff_email_went_sends_no_second_email(client):
    """The first email still leads the front desk to the corrected request."""
    sending_one_form_twice(client, phone="413-555-0199")
    assert list(Notification.objects.values_list("kind", flat=True)) == ["staff_alert"]


def test_a_correction_after_the_staff_email_went_tells_the_front_desk_once(client):
    """Staff who may have read the first email are told the answers changed."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    Notification.objects.update(status=Notification.Status.SENT)
    client.post(FORM_URL, answers | {"phone": "413-555-0199"})
    client.post(FORM_URL, answers | {"phone": "413-555-0198"})
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == ["staff_alert", "staff_correction"]
    assert CallbackRequest.objects.get().phone.as_e164 == "+14135550198"


def test_an_email_added_in_a_correction_gets_the_confirmation(client):
    """The patient who adds an address on the second send gets their reference by email."""
    sending_one_form_twice(client, email="maria@example.org")
    corrected = CallbackRequest.objects.get()
    assert corrected.email == "maria@example.org"
    assert Notification.objects.filter(kind="patient_confirmation").count() == 1


def test_a_correction_to_a_closed_request_opens_it_again(client):
    """Closed as unreachable, then corrected: the front desk should try the new number."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    CallbackRequest.objects.update(status=CallbackRequest.Status.CLOSED, closed_at=timezone.now())
    client.post(FORM_URL, answers | {"phone": "413-555-0199"})
    reopened = CallbackRequest.objects.get()
    assert (reopened.status, reopened.closed_at) == (CallbackRequest.Status.NEW, None)


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
    opened_the_form(client, browser="another-browser")
    client.post(FORM_URL, good_answers(form_token=token_for("another-browser")))
    assert CallbackRequest.objects.count() == 2


def test_the_service_finds_the_sessions_last_request_sent_again():
    """callback_request_submit holds the rule: same answers, still new, within 30 minutes."""
    first = create_through_service()
    again = submit_through_service(previous_reference=first.reference)
    assert again == (first, Outcome.ALREADY_HAD)
    other = create_through_service(previous_reference=first.reference, phone="+14135550199")
    assert CallbackRequest.objects.count() == 2
    assert other.reference != first.reference


def test_two_saves_racing_with_one_form_token_make_one_request():
    """The second save of one form finds the first request instead of making another."""
    first = create_through_service(form_nonce="same-nonce")
    again = submit_through_service(form_nonce="same-nonce")
    assert again == (first, Outcome.ALREADY_HAD)
    assert CallbackRequest.objects.count() == 1


def test_two_workers_racing_past_the_check_are_settled_by_the_database(monkeypatch):
    """If both saves checked before either committed, the unique token still allows one."""
    first = create_through_service(form_nonce="same-nonce")
    checks = iter([None])  # the second save's first check saw nothing yet
    real_check = services._already_sent
    monkeypatch.setattr(services, "_already_sent", lambda nonce: next(checks, real_check(nonce)))
    again = submit_through_service(form_nonce="same-nonce")
    assert again == (first, Outcome.ALREADY_HAD)
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

    answers["form_token"] = token_for(now=time.time() - 4)  # as if four seconds passed
    assert client.post(FORM_URL, answers).status_code == 302
    assert CallbackRequest.objects.count() == 1


def test_a_form_taking_three_seconds_or_more_is_accepted(client, settings):
    """The minimum wait is three seconds, no more."""
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    response = client.post(FORM_URL, good_answers(form_token=token_for(now=time.time() - 3)))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "token",
    [
        "",
        "made-up",
        token_for(now=time.time() - 2 * 86400),
        token_for(browser="another-browser"),
        form_tokens.signing.dumps({"n": "x", "t": time.time()}, salt=form_tokens.SALT),
    ],
    ids=["missing", "altered", "a day old", "another browser's", "bound to no browser"],
)
def test_a_missing_altered_old_or_foreign_token_asks_to_send_again(client, token):
    """Without a good token nothing is saved; the page explains and offers a fresh token."""
    response = client.post(FORM_URL, good_answers(form_token=token))
    assert response.status_code == 200
    assert error_summary(response)[0][1].startswith("This page has expired.")
    new_token = form_page(response).select_one("[name=form_token]")["value"]
    assert form_tokens.read(new_token, browser=TEST_BROWSER)
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
