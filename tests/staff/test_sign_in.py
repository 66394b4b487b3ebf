"""No staff page without a password and a code from an authenticator app (or a backup code)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from staff.second_factor import backup_codes_left
from tests.factories import authenticator_for, make_staff_user
from tests.staff.helpers import (
    CODE,
    PASSWORD,
    REQUESTS,
    SET_UP,
    SIGN_IN,
    STAFF_HOME,
    fresh_code,
    give_password,
    sign_in_fully,
)

pytestmark = pytest.mark.django_db


def test_the_right_password_alone_reaches_no_staff_page(client, front_desk_user):
    """After the password, every staff page still sends the user to sign in."""
    response = give_password(client, "frontdesk")
    assert response.status_code == 302 and response["Location"] == CODE
    for url in (STAFF_HOME, REQUESTS, reverse("admin:password_change")):
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith(SIGN_IN), url


def test_the_password_and_a_code_from_the_app_sign_in(client, front_desk_user):
    """The code step, with the app's current code, signs the user in and opens the staff site."""
    response = sign_in_fully(client, front_desk_user)
    assert response.status_code == 302 and response["Location"] == STAFF_HOME
    assert client.get(REQUESTS).status_code == 200


def test_superusers_need_a_code_too(client):
    """A superuser's right password still leads to the code step, not the staff site."""
    boss = User.objects.create_superuser("boss", "boss@clinic.example", PASSWORD)
    device = authenticator_for(boss)
    give_password(client, "boss")
    assert client.get(STAFF_HOME)["Location"].startswith(SIGN_IN)
    assert client.post(CODE, {"code": fresh_code(device)})["Location"] == STAFF_HOME
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_a_wrong_code_is_refused_in_plain_words(client, front_desk_user):
    """A wrong code keeps the user on the code step, saying what to type instead."""
    give_password(client, "frontdesk")
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert client.get(STAFF_HOME).status_code == 302


def test_a_code_works_only_once(client, front_desk_user):
    """A code seen over someone's shoulder cannot be used again once it signed someone in."""
    device = front_desk_user.totpdevice_set.get()
    code = fresh_code(device)
    give_password(client, "frontdesk")
    assert client.post(CODE, {"code": code})["Location"] == STAFF_HOME
    client.post(reverse("admin:logout"))
    give_password(client, "frontdesk")
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200 and "That code did not work" in response.content.decode()


def test_a_backup_code_signs_in_once(client, front_desk_user):
    """With no phone, one of the backup codes works instead of the app's code, only once."""
    code = backup_codes_left(front_desk_user)[0]
    give_password(client, "frontdesk")
    assert client.post(CODE, {"code": code.upper()})["Location"] == STAFF_HOME
    assert code not in backup_codes_left(front_desk_user)
    client.post(reverse("admin:logout"))
    give_password(client, "frontdesk")
    assert client.post(CODE, {"code": code}).status_code == 200


def test_signing_in_returns_to_the_page_asked_for(client, front_desk_user):
    """The page that sent the user to sign in is where they land afterwards."""
    response = client.get(REQUESTS)
    next_url = response["Location"].split("next=")[1]
    give_password(client, "frontdesk", next=REQUESTS)
    assert next_url.replace("%2F", "/") == REQUESTS
    code = fresh_code(front_desk_user.totpdevice_set.get())
    assert client.post(CODE, {"code": code})["Location"] == REQUESTS


def test_another_sites_address_as_next_is_ignored(client, front_desk_user):
    """A sign-in link that names another site as `next` lands on the staff home page instead."""
    give_password(client, "frontdesk", next="https://evil.example/")
    response = client.post(CODE, {"code": fresh_code(front_desk_user.totpdevice_set.get())})
    assert response["Location"] == STAFF_HOME


def test_a_wrong_password_is_refused_in_plain_words(client, front_desk_user):
    """Wrong password: the form says so plainly and keeps the user name typed."""
    response = give_password(client, "frontdesk", "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "That user name and password do not match a staff account" in html
    assert 'value="frontdesk"' in html


def test_an_account_that_is_not_staff_cannot_sign_in(client):
    """A non-staff account with the right password gets the same plain refusal."""
    make_staff_user("patientportal").__class__.objects.filter(username="patientportal").update(
        is_staff=False
    )
    response = give_password(client, "patientportal")
    assert response.status_code == 200
    assert "do not match a staff account" in response.content.decode()


def test_the_code_step_without_a_password_first_starts_again(client, front_desk_user):
    """Opening the code step directly (or after 5 minutes) goes back to the password, saying why."""
    response = client.get(CODE, follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "has started again" in response.content.decode()


def test_the_code_step_expires_after_five_minutes(client, front_desk_user):
    """A password given more than 5 minutes ago must be given again."""
    give_password(client, "frontdesk")
    session = client.session
    session["staff_sign_in"] = {
        **session["staff_sign_in"],
        "at": session["staff_sign_in"]["at"] - 301,
    }
    session.save()
    response = client.post(CODE, {"code": fresh_code(front_desk_user.totpdevice_set.get())})
    assert response.status_code == 302 and response["Location"] == SIGN_IN


def test_a_password_changed_during_sign_in_stops_it(client, front_desk_user):
    """If the password changes between the two steps, the old one no longer leads anywhere."""
    give_password(client, "frontdesk")
    front_desk_user.set_password("a brand new passphrase here")
    front_desk_user.save()
    response = client.post(CODE, {"code": fresh_code(front_desk_user.totpdevice_set.get())})
    assert response["Location"] == SIGN_IN


def test_the_session_id_changes_at_each_step(client, front_desk_user):
    """A session id planted before signing in is worthless afterwards."""
    client.get(SIGN_IN)
    before = client.cookies["sessionid"].value if "sessionid" in client.cookies else None
    give_password(client, "frontdesk")
    after_password = client.cookies["sessionid"].value
    client.post(CODE, {"code": fresh_code(front_desk_user.totpdevice_set.get())})
    assert len({before, after_password, client.cookies["sessionid"].value}) == 3


def test_a_user_without_an_app_is_taken_to_connect_one(client, new_staff_user):
    """The first sign-in goes from the password straight to connecting an authenticator app."""
    response = give_password(client, "newcomer")
    assert response["Location"] == SET_UP
    assert client.get(STAFF_HOME)["Location"].startswith(SIGN_IN)
