"""The content editors' daily email: pages overdue for their medical review, or due soon.

Sent by the task worker (procedures/tasks.py send_review_reminder), queued once a day by
`manage.py run_schedule`. To every active member of "Content editors" with an email
address; with no page due, no email at all. Page titles are not patient data, so the
email names the pages, each with a link to its edit page.

The Message-ID is the same all day (the date, at the site's domain): the scheduler
queues the email again each time it starts, and a mail client or server can then
recognise a second copy of the day's email as a repeat.
"""

import logging
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from procedures.models import REVIEW_SOON_DAYS, Procedure

logger = logging.getLogger(__name__)

CONTENT_EDITORS = "Content editors"


def content_editors_emails() -> list[str]:
    """The addresses of active content editors who have one."""
    editors = User.objects.filter(groups__name=CONTENT_EDITORS, is_active=True).exclude(email="")
    return sorted(set(editors.values_list("email", flat=True)))


def message_id(today: date) -> str:
    """The same for every copy of one day's email."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<pages-due-for-review-{today:%Y%m%d}@{domain}>"


def review_reminder_send(*, today: date | None = None) -> int:
    """Email the content editors the pages due for review; how many pages it listed.

    0, and nothing sent, when no page is due within REVIEW_SOON_DAYS or no editor has an
    address. A failure to send is raised: the worker records the task as failed, and
    tomorrow's email lists the pages again.
    """
    today = today or timezone.localdate()
    pages = list(Procedure.objects.review_due_within(days=REVIEW_SOON_DAYS, today=today))
    recipients = content_editors_emails()
    if not pages or not recipients:
        return 0
    overdue = [page for page in pages if page.next_review_due < today]
    context = {
        "overdue": [(page, edit_url(page)) for page in overdue],
        "due_soon": [(page, edit_url(page)) for page in pages if page not in overdue],
        "days": REVIEW_SOON_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):  # staff email, in English
        EmailMessage(
            subject=subject(overdue=len(overdue), total=len(pages)),
            body=render_to_string("procedures/email/review_reminder.txt", context),
            to=recipients,
            headers={"Message-ID": message_id(today)},
        ).send()
    logger.info("Review reminder sent: %d page(s) due for review.", len(pages))
    return len(pages)


def subject(*, overdue: int, total: int) -> str:
    pages = "1 page" if total == 1 else f"{total} pages"
    if overdue:
        return f"{pages} due for medical review ({overdue} overdue)"
    return f"{pages} due for medical review in the next {REVIEW_SOON_DAYS} days"


def edit_url(page: Procedure) -> str:
    return settings.SITE_URL + reverse("admin:procedures_procedure_change", args=[page.pk])
