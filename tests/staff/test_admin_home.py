"""The staff site's home page tells superusers when staff emails wait to be sent."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.appointments.factories import create_through_service
from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db


def staff_email_waiting_since(minutes: int):
    callback_request = create_through_service(email="")
    since = timezone.now() - timedelta(minutes=minutes)
    callback_request.notifications.update(created_at=since)
    return callback_request


def home_notice(client, user) -> str:
    sign_in(client, user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.find('id="staff-emails-waiting"')
    return "" if start == -1 else page[start : page.index("</ul>", start)]


def test_superusers_see_that_staff_emails_are_late_and_how_late(client, settings):
    """Past NOTIFICATION_LATE_MINUTES, a warning with the oldest email's wait and the count;
    no reference or patient detail."""
    settings.NOTIFICATION_LATE_MINUTES = 15
    late = staff_email_waiting_since(42)
    staff_email_waiting_since(1)
    notice = home_notice(client, make_staff_user("boss", superuser=True))
    assert 'class="warning"' in notice
    assert "Staff emails are late" in notice
    assert "the oldest of 2 still waiting to be sent has waited 42 minutes" in notice
    assert "(the limit is 15)" in notice
    assert late.reference not in notice
    assert "Maria" not in notice


def test_superusers_see_emails_waiting_within_the_limit_calmly(client, settings):
    """Under the limit, a plain line: how many wait, and for how long."""
    settings.NOTIFICATION_LATE_MINUTES = 15
    staff_email_waiting_since(1)
    notice = home_notice(client, make_staff_user("boss", superuser=True))
    assert 'class="info"' in notice
    assert "1 staff email waiting to be sent; the oldest for 1 minute." in notice


def test_superusers_see_nothing_when_every_staff_email_went(client):
    """No email waiting: no line at all."""
    assert home_notice(client, make_staff_user("boss", superuser=True)) == ""


def test_the_front_desk_does_not_see_the_email_queue(client, settings):
    """It is for whoever runs the site: other staff see the usual home page."""
    settings.NOTIFICATION_LATE_MINUTES = 15
    staff_email_waiting_since(42)
    assert home_notice(client, make_staff_user("desk", groups=["Front desk"])) == ""
