"""/healthz answers 200 when the database answers and 503 when it does not; it says when
staff email is late."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.appointments.factories import create_through_service

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    """With a working database the check says ok, and is never cached."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer():
    """Pointed at a database server that is not there, the check says so with a 503."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode().strip())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Nothing listens on port 9 of this machine: a real refused connection.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "503 database unavailable", result.stderr


def staff_email_waiting_since(minutes: int):
    """A request whose staff email has waited this long to be sent (the server never took it)."""
    callback_request = create_through_service(email="")
    since = timezone.now() - timedelta(minutes=minutes)
    callback_request.notifications.update(created_at=since, last_error="ConnectionRefusedError")
    return callback_request


@pytest.mark.django_db
def test_healthz_stays_ok_while_staff_emails_wait_less_than_the_limit(client, settings):
    """An email waiting 5 minutes, with a 15-minute limit, is not late."""
    settings.NOTIFICATION_LATE_MINUTES = 15
    staff_email_waiting_since(5)
    assert client.get("/healthz").content == b"ok\n"


@pytest.mark.django_db
def test_healthz_says_email_is_late_with_a_200_past_the_limit(client, settings):
    """The oldest unsent staff email waited 27 minutes (limit 15): still 200, as the site
    works, but the answer says email is late and how late; nothing about the request."""
    settings.NOTIFICATION_LATE_MINUTES = 15
    late = staff_email_waiting_since(27)
    staff_email_waiting_since(3)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.content.decode()
    assert body == (
        "email late: the oldest unsent staff email has waited 27 minutes (limit 15); 2 waiting\n"
    )
    assert late.reference not in body
