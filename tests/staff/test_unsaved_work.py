"""A call note sent after the session ended is given back after signing in again, to its author.

The session ends by the idle limit (the clocks moved back) or elsewhere (its row
deleted). The note comes back in the form, unsaved, once; never to someone else.
"""

import logging
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from appointments.models import CallAttempt
from staff import unsaved_work
from staff.session_limits import LAST_SEEN, SIGNED_IN_AT
from tests.appointments.factories import make_callback_request
from tests.factories import authenticator_for, make_staff_user
from tests.staff.helpers import CODE, SIGN_IN, fresh_code, give_password

pytestmark = pytest.mark.django_db

NOTE = "Left a message with her daughter, call back after 4"


def change_page(callback_request) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])


def signed_in(client, user, next_url: str = "") -> Client:
    """Both sign-in steps through the real pages; asserts where they lead."""
    device = authenticator_for(user)
    response = give_password(client, user.username, next=next_url)
    assert response["Location"] == CODE
    response = client.post(CODE, {"code": fresh_code(device)})
    assert response.status_code == 302, response
    if next_url:
        assert response["Location"] == next_url
    return client


def form_data(response) -> dict[str, list[str]]:
    """What a browser would send from the page's change form, as it stands."""
    form = BeautifulSoup(response.content, "html.parser").select_one("form#callbackrequest_form")
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            value = chosen[0].get("value", "") if chosen else ""
        elif field.name == "textarea":
            value = field.get_text()
        elif field.get("type") in {"checkbox", "radio"}:
            if not field.has_attr("checked"):
                continue
            value = field.get("value", "on")
        elif field.get("type") in {"submit", "button", "file"}:
            continue
        else:
            value = field.get("value", "")
        data.setdefault(name, []).append(value)
    data["_save"] = ["Save"]
    return data


def with_a_call_note(data: dict, note: str = NOTE) -> dict:
    return data | {"call_attempts-0-outcome": ["voicemail"], "call_attempts-0-note": [note]}


def end_by_idle_limit(client) -> None:
    session = client.session
    session[LAST_SEEN] -= 31 * 60
    session[SIGNED_IN_AT] -= 31 * 60
    session.save()


def end_elsewhere(client) -> None:
    Session.objects.all().delete()


@pytest.fixture
def front_desk_user():
    return make_staff_user("frontdesk", groups=["Front desk"])


@pytest.fixture
def callback_request():
    return make_callback_request()


def typed_then_session_ended(client, user, callback_request, end) -> tuple[str, dict]:
    """Signed in, opened the request, typed a note; the session ends; Save. Returns the
    page's address and what was sent."""
    url = change_page(callback_request)
    signed_in(client, user)
    data = with_a_call_note(form_data(client.get(url)))
    end(client)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    return url, data


@pytest.mark.parametrize("end", [end_by_idle_limit, end_elsewhere])
def test_a_call_note_sent_after_the_session_ended_comes_back_after_signing_in(
    client, front_desk_user, callback_request, end
):
    """Idle limit or sign-out elsewhere: sign in again, land on the same page, the note
    still there with the plain message; nothing saved until Save, then the call logged once."""
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end)
    assert "It is kept for you" in client.get(SIGN_IN + f"?next={url}").content.decode()
    assert not CallAttempt.objects.exists()

    signed_in(client, front_desk_user, next_url=url)
    page = client.get(url)
    assert page.status_code == 200
    assert unsaved_work.GIVEN_BACK_MESSAGE in page.content.decode()
    assert NOTE in page.content.decode()
    assert "Please correct" not in page.content.decode()  # no errors: none to show
    assert not CallAttempt.objects.exists()

    response = client.post(url, form_data(page))
    assert response.status_code == 302, response.context["errors"]
    assert list(CallAttempt.objects.values_list("note", "made_by")) == [(NOTE, front_desk_user.pk)]


def test_what_was_typed_is_given_back_once(client, front_desk_user, callback_request):
    """Opened again after it was given back, the page is as stored, without the note."""
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end_elsewhere)
    signed_in(client, front_desk_user, next_url=url)
    assert NOTE in client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert NOTE not in again
    assert unsaved_work.GIVEN_BACK_MESSAGE not in again
    assert unsaved_work.KEPT not in client.session


def test_someone_else_signing_in_on_that_browser_does_not_get_it(
    client, front_desk_user, callback_request
):
    """A colleague who signs in next on that computer sees the request as stored."""
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end_by_idle_limit)
    colleague = make_staff_user("colleague", groups=["Front desk"])
    signed_in(client, colleague, next_url=url)
    assert unsaved_work.KEPT not in client.session
    page = client.get(url).content.decode()
    assert NOTE not in page
    assert unsaved_work.GIVEN_BACK_MESSAGE not in page


def test_nothing_is_kept_when_nobody_knows_who_typed_it(client, front_desk_user, callback_request):
    """Session gone and no `signed_in_as` in the form: nothing kept (it could go to anyone)."""
    url = change_page(callback_request)
    signed_in(client, front_desk_user)
    data = with_a_call_note(form_data(client.get(url)))
    del data[unsaved_work.SIGNED_IN_AS]
    end_elsewhere(client)
    assert client.post(url, data)["Location"].startswith(SIGN_IN)
    assert unsaved_work.KEPT not in client.session


def test_the_security_token_is_not_kept_and_the_session_is_short_lived(
    client, front_desk_user, callback_request
):
    """The kept fields hold what was typed, not the CSRF token nor who was signed in; the
    signed-out session holding them expires in 30 minutes."""
    typed_then_session_ended(client, front_desk_user, callback_request, end_elsewhere)
    kept = client.session[unsaved_work.KEPT]
    names = {name for name, _ in kept["fields"]}
    assert "csrfmiddlewaretoken" not in names
    assert unsaved_work.SIGNED_IN_AS not in names
    assert kept["username"] == "frontdesk"
    assert client.session.get_expiry_age() <= unsaved_work.KEPT_FOR


def test_work_kept_longer_than_30_minutes_is_dropped(client, front_desk_user, callback_request):
    """Signing in an hour later: the page is as stored."""
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end_elsewhere)
    session = client.session
    session[unsaved_work.KEPT] = {**session[unsaved_work.KEPT], "at": int(time.time()) - 3600}
    session.save()
    signed_in(client, front_desk_user, next_url=url)
    assert NOTE not in client.get(url).content.decode()


def test_a_form_sent_from_another_site_keeps_nothing(client, front_desk_user, callback_request):
    """Without the form's security token the POST is refused before anything is kept."""
    url = change_page(callback_request)
    signed_in(client, front_desk_user)
    data = with_a_call_note(form_data(client.get(url)))
    del data["csrfmiddlewaretoken"]
    end_elsewhere(client)
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = client.cookies
    assert browser.post(url, data).status_code == 403
    assert unsaved_work.KEPT not in browser.session


def test_what_was_typed_is_never_logged(client, front_desk_user, callback_request, caplog):
    """Keeping and giving back the note writes no log line holding it."""
    caplog.set_level(logging.DEBUG)
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end_elsewhere)
    signed_in(client, front_desk_user, next_url=url)
    client.get(url)
    assert NOTE not in caplog.text


def test_the_session_gets_its_usual_lifetime_after_signing_in(
    client, front_desk_user, callback_request
):
    """The 30-minute lifetime of the signed-out session does not cut the new one short."""
    url, _ = typed_then_session_ended(client, front_desk_user, callback_request, end_elsewhere)
    signed_in(client, front_desk_user, next_url=url)
    assert client.session.get_expiry_age() > unsaved_work.KEPT_FOR


def test_nothing_is_kept_from_a_page_that_cannot_give_it_back(client, front_desk_user):
    """The list's actions sent after the session ended: signed out, nothing kept or promised."""
    signed_in(client, front_desk_user)
    end_elsewhere(client)
    url = reverse("admin:appointments_callbackrequest_changelist")
    response = client.post(url, {"action": "assign_to_me", "signed_in_as": "frontdesk"})
    assert response["Location"].startswith(SIGN_IN)
    assert unsaved_work.KEPT not in client.session
