"""The content editors' daily email of pages due for review, sent by the real task worker to a
real SMTP server on loopback."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from procedures.models import Procedure
from procedures.review_reminders import review_reminder_send
from procedures.tasks import send_review_reminder

# On main since b778d78 these come from tests.appointments.helpers and tests.helpers.
from tests.appointments.helpers import SmtpServer, mailer_pointed_at, run_worker
from tests.factories import make_procedure, make_staff_user
from tests.helpers import real_commits

pytestmark = pytest.mark.django_db

EDITOR = "editor@clinic.example"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, with the site's mailer pointed at it."""
    server = mailer_pointed_at(settings, SmtpServer())
    server.start()
    yield server
    server.stop()


def due_in(days: int, title: str) -> Procedure:
    today = timezone.localdate()
    return make_procedure(
        title=title,
        last_reviewed=today - timedelta(days=400),
        next_review_due=today + timedelta(days=days),
    )


def editor(username: str, email: str, **fields):
    user = make_staff_user(username, groups=["Content editors"])
    user.email = email
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


@real_commits
def test_the_worker_emails_editors_the_pages_due_overdue_first(smtp_server):
    """One email to the editors, listing the overdue page, then the one due soon, each with its
    date and the link to its edit page; a page due later is left out."""
    editor("editor", EDITOR)
    late = due_in(-3, "Port placement for chemotherapy")
    soon = due_in(12, "Vein ablation")
    due_in(90, "Later page")
    send_review_reminder.enqueue()
    run_worker()
    [message] = smtp_server.inbox.wait_for(1)
    assert message["X-Envelope-To"] == EDITOR
    assert message["Subject"] == "2 pages due for medical review (1 overdue)"
    text = body(message)
    overdue_part, soon_part = text.split("Due in the next 30 days:")
    assert "Overdue:" in overdue_part
    assert f"- Port placement for chemotherapy: was due {long_date(late.next_review_due)}" in (
        overdue_part
    )
    assert f"https://clinic.example/admin/procedures/procedure/{late.pk}/change/" in overdue_part
    assert f"- Vein ablation: due {long_date(soon.next_review_due)}" in soon_part
    assert f"https://clinic.example/admin/procedures/procedure/{soon.pk}/change/" in soon_part
    assert "Later page" not in text
    assert 'choose "Record clinical review"' in text


def test_with_no_page_due_no_email_is_sent(smtp_server):
    """Nothing overdue and nothing due within 30 days: no email at all."""
    editor("editor", EDITOR)
    due_in(31, "Next month")
    make_procedure(title="Never reviewed", reviewed_by="", last_reviewed=None, next_review_due=None)
    assert send_review_reminder.call() == 0
    assert smtp_server.inbox.messages == []


def test_only_active_content_editors_with_an_address_get_it(smtp_server):
    """Not the front desk, not a switched-off editor, not an editor with no address."""
    due_in(5, "Vein ablation")
    editor("editor", EDITOR)
    editor("gone", "gone@clinic.example", is_active=False)
    editor("no-address", "")
    desk = make_staff_user("desk", groups=["Front desk"])
    desk.email = "desk@clinic.example"
    desk.save()
    assert review_reminder_send() == 1
    [message] = smtp_server.inbox.messages
    assert message["X-Envelope-To"] == EDITOR
    assert message["Subject"] == "1 page due for medical review in the next 30 days"


def test_no_editor_with_an_address_means_no_email(smtp_server):
    """Pages are due, but no content editor has an address: nothing is sent."""
    due_in(-1, "Overdue page")
    Group.objects.get(name="Content editors").user_set.clear()
    assert review_reminder_send() == 0
    assert smtp_server.inbox.messages == []


def test_the_same_day_email_sent_twice_has_one_message_id(smtp_server):
    """The scheduler queues it again when it restarts: a repeat is recognisable as one."""
    editor("editor", EDITOR)
    due_in(-1, "Overdue page")
    review_reminder_send()
    review_reminder_send()
    review_reminder_send(today=timezone.localdate() + timedelta(days=1))
    first, again, next_day = smtp_server.inbox.wait_for(3)
    assert first["Message-ID"] == again["Message-ID"]
    assert first["Message-ID"].endswith("@clinic.example>")
    assert next_day["Message-ID"] != first["Message-ID"]
