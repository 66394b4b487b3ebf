"""Closed requests are deleted after CALLBACK_RETENTION_DAYS; everything else stays."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from appointments.models import CallAttempt, CallbackRequest, Notification
from tests.appointments.factories import make_callback_request

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_closed_requests_older_than_the_retention_period(settings):
    """Old closed requests go, with their calls and emails; open or recent ones stay."""
    settings.CALLBACK_RETENTION_DAYS = 180
    now = timezone.now()
    old_closed = make_callback_request(received_at=now - timedelta(days=181), status="closed")
    CallAttempt.objects.create(callback_request=old_closed, outcome="reached")
    Notification.objects.create(callback_request=old_closed, kind="staff_alert")
    old_open = make_callback_request(received_at=now - timedelta(days=400), status="trying")
    recent_closed = make_callback_request(received_at=now - timedelta(days=179), status="closed")

    out = StringIO()
    call_command("purge_callback_requests", stdout=out)

    assert set(CallbackRequest.objects.all()) == {old_open, recent_closed}
    assert not CallAttempt.objects.exists()
    assert not Notification.objects.exists()
    assert out.getvalue().strip() == "Deleted 1 closed callback request(s) older than 180 days."


def test_the_retention_period_comes_from_the_setting(settings):
    """CALLBACK_RETENTION_DAYS sets how long closed requests are kept."""
    settings.CALLBACK_RETENTION_DAYS = 30
    make_callback_request(received_at=timezone.now() - timedelta(days=31), status="closed")
    call_command("purge_callback_requests", stdout=StringIO())
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_has_the_worker_run_the_purge_and_the_sweep():
    """run_schedule queues the purge and the sweep, and the worker carries them out."""
    from django_tasks_db.models import DBTaskResult

    from tests.appointments.conftest import run_worker

    make_callback_request(received_at=timezone.now() - timedelta(days=365), status="closed")
    call_command("run_schedule", once=True)
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == [
        "appointments.tasks.purge_callback_requests",
        "appointments.tasks.sweep_notifications",
    ]
    run_worker()
    assert not CallbackRequest.objects.exists()
