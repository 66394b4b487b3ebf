"""Background tasks, run by `manage.py run_worker` (started by `make run`).

Only this module queues emails for the worker; the code that sends them
(appointments/notifications.py) says when to try again, and this queues it.
"""

from django.conf import settings
from django.core.management import call_command
from django.tasks import task

from appointments.access_records import access_records_purge
from appointments.notifications import notification_send, notifications_stuck
from appointments.rate_limit import forget_old_windows
from appointments.retention import callback_requests_purge


@task()
def send_notification(notification_id: int) -> None:
    """Send one email about a callback request (to staff, or the patient's confirmation)."""
    try_again_at = notification_send(notification_id=notification_id)
    if try_again_at is not None:
        send_notification.using(run_after=try_again_at).enqueue(notification_id=notification_id)


@task()
def sweep_notifications() -> int:
    """Queue again any email still waiting after a few minutes."""
    stuck = notifications_stuck()
    for notification_id in stuck:
        send_notification.enqueue(notification_id=notification_id)
    return len(stuck)


@task()
def purge_callback_requests() -> int:
    """Delete callback requests closed more than CALLBACK_RETENTION_DAYS ago."""
    return callback_requests_purge()


@task()
def forget_old_rate_limit_counts() -> int:
    """Delete the rate limit's per-client counts once they are a day old."""
    return forget_old_windows()


@task()
def purge_access_records() -> int:
    """Delete records of who saw which patient once they are ACCESS_RECORD_RETENTION_YEARS old."""
    return access_records_purge()


@task()
def purge_task_results() -> None:
    """Delete the worker's records of tasks that finished TASK_RESULT_RETENTION_DAYS ago or more.

    django-tasks-db's own `prune_db_task_results` does it; tasks waiting or running stay.
    """
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.TASK_RESULT_RETENTION_DAYS,
        verbosity=1,  # logs how many it deleted
    )
