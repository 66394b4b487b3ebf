"""Staff sessions end after 30 idle minutes, after 12 hours in all, and on signing out."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from staff.session_limits import LAST_SEEN, SIGNED_IN_AT
from tests.staff.helpers import REQUESTS, SIGN_IN, STAFF_HOME, sign_in_fully

pytestmark = pytest.mark.django_db


def signed_in(front_desk_user) -> Client:
    client = Client()
    assert sign_in_fully(client, front_desk_user)["Location"] == STAFF_HOME
    return client


def move_clocks_back(client, **seconds_ago: int) -> None:
    """Pretend the sign-in (signed_in) or the last request (last_seen) was this long ago."""
    session = client.session
    keys = {"signed_in": SIGNED_IN_AT, "last_seen": LAST_SEEN}
    for name, seconds in seconds_ago.items():
        session[keys[name]] -= seconds
    session.save()


def test_thirty_idle_minutes_sign_the_user_out_and_say_why(front_desk_user):
    """After 30 minutes with no request, the next one leads to the sign-in page with a reason."""
    client = signed_in(front_desk_user)
    move_clocks_back(client, last_seen=30 * 60 + 1, signed_in=30 * 60 + 1)
    response = client.get(REQUESTS, follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert client.get(STAFF_HOME).status_code == 302


def test_activity_keeps_the_session_open(front_desk_user):
    """A request every 20 minutes keeps the user signed in past the idle limit."""
    client = signed_in(front_desk_user)
    for _ in range(3):
        move_clocks_back(client, last_seen=20 * 60, signed_in=20 * 60)
        assert client.get(REQUESTS).status_code == 200


def test_twelve_hours_after_signing_in_the_session_ends_however_busy(front_desk_user):
    """Busy all day or not, 12 hours after signing in the user must sign in again."""
    client = signed_in(front_desk_user)
    move_clocks_back(client, signed_in=12 * 3600 + 1)
    response = client.get(REQUESTS, follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert "signed in more than 12 hours ago" in response.content.decode()


def test_signing_out_ends_the_session_on_the_server(front_desk_user):
    """After signing out, the old session cookie opens nothing, and its row is gone."""
    client = signed_in(front_desk_user)
    old_cookie = client.cookies["sessionid"].value
    assert client.post(reverse("admin:logout")).status_code == 200
    assert not Session.objects.filter(session_key=old_cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = old_cookie
    assert replay.get(REQUESTS)["Location"].startswith(SIGN_IN)


def test_an_expired_session_is_deleted_on_the_server(front_desk_user):
    """Signed out for idling, the old session's row is deleted, not just forgotten."""
    client = signed_in(front_desk_user)
    old_cookie = client.cookies["sessionid"].value
    move_clocks_back(client, last_seen=31 * 60)
    client.get(REQUESTS)
    assert not Session.objects.filter(session_key=old_cookie).exists()


def test_public_pages_do_not_read_the_session_of_visitors_without_one(client):
    """A patient's visit never touches the session, so public pages stay cacheable."""
    response = client.get("/")
    assert "Cookie" not in response.get("Vary", "")
    assert "sessionid" not in response.cookies
