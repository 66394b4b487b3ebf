"""Procedure pages' background task, run by `manage.py run_worker`, queued daily by run_schedule."""

from django.tasks import task

from procedures.review_reminders import review_reminder_send


@task()
def send_review_reminder() -> int:
    """Email the content editors the pages overdue or due soon for review (none: no email)."""
    return review_reminder_send()
