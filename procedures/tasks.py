"""Procedure pages' background tasks, run by `manage.py run_worker`, queued daily."""

from django.tasks import task

from procedures.pending_pictures import pending_pictures_delete_old
from procedures.review_reminders import review_reminder_send


@task()
def send_review_reminder() -> int:
    """Email the content editors the pages overdue or due soon for review (none: no email)."""
    return review_reminder_send()


@task()
def delete_old_pending_pictures() -> int:
    """Delete pictures chosen in an edit form that was never saved, a day after."""
    return pending_pictures_delete_old()
