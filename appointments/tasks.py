"""Background tasks, run by `manage.py db_worker` (started by `make run`)."""

from django.tasks import task

from appointments.notifications import notification_send, notifications_sweep
from appointments.rate_limit import forget_old_windows
from appointments.services import callback_requests_purge


@task()
def send_notification(notification_id: int) -> None:
    """Send one email about a callback request (to staff, or the patient's confirmation)."""
    notification_send(notification_id=notification_id)


@task()
def sweep_notifications() -> int:
    """Queue again any email still waiting after a few minutes."""
    return notifications_sweep()


@task()
def purge_callback_requests() -> int:
    """Delete callback requests closed more than CALLBACK_RETENTION_DAYS ago."""
    return callback_requests_purge()


@task()
def forget_old_rate_limit_counts() -> int:
    """Delete the rate limit's per-client counts once they are a day old."""
    return forget_old_windows()
