"""Staff sign-in's background task, run by `manage.py run_worker`, queued daily by run_schedule."""

from django.contrib.sessions.models import Session
from django.tasks import task
from django.utils import timezone


@task()
def clear_expired_sessions() -> int:
    """Delete sessions past their expiry (STAFF_SESSION_HOURS at most), whoever left them open.

    A staff user who walks away is signed out on their next request; this
    removes the sessions of those who never come back.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
