"""Requests closed for CALLBACK_RETENTION_DAYS are deleted; everything else stays."""

import importlib
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.models import CallAttempt, CallbackRequest, Notification, RateLimitWindow
from appointments.retention import callback_requests_purge
from appointments.services import callback_request_save
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import change_form, run_worker
from tests.helpers import real_commits

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")


def test_purge_deletes_only_requests_closed_longer_than_the_retention_period(settings):
    """Requests closed 181 days ago go, with their calls and emails; the rest stay."""
    settings.CALLBACK_RETENTION_DAYS = 180
    now = timezone.now()
    long_closed = make_callback_request(
        received_at=now - timedelta(days=200), status="closed", closed_at=now - timedelta(days=181)
    )
    CallAttempt.objects.create(callback_request=long_closed, outcome="reached")
    Notification.objects.create(callback_request=long_closed, kind="staff_alert")
    old_open = make_callback_request(received_at=now - timedelta(days=400), status="trying")
    recently_closed = make_callback_request(
        received_at=now - timedelta(days=179), status="closed", closed_at=now - timedelta(days=1)
    )

    out = StringIO()
    call_command("purge_callback_requests", stdout=out)

    assert set(CallbackRequest.objects.all()) == {old_open, recently_closed}
    assert not CallAttempt.objects.exists()
    assert not Notification.objects.exists()
    assert out.getvalue().strip() == "Deleted 1 callback request(s) closed more than 180 days ago."


def test_a_long_worked_request_is_kept_for_the_full_period_after_it_closed(settings):
    """Received 400 days ago but closed last week: the retention period has only begun."""
    settings.CALLBACK_RETENTION_DAYS = 180
    now = timezone.now()
    make_callback_request(
        received_at=now - timedelta(days=400), status="closed", closed_at=now - timedelta(days=7)
    )
    assert callback_requests_purge() == 0
    assert CallbackRequest.objects.count() == 1


def test_the_retention_period_comes_from_the_setting(settings):
    """CALLBACK_RETENTION_DAYS sets how long closed requests are kept."""
    settings.CALLBACK_RETENTION_DAYS = 30
    make_callback_request(status="closed", closed_at=timezone.now() - timedelta(days=31))
    call_command("purge_callback_requests", stdout=StringIO())
    assert not CallbackRequest.objects.exists()


def test_closing_in_the_admin_stamps_closed_at_and_reopening_clears_it(admin_client):
    """Saving a request as Closed records when; setting it back to another status clears it."""
    request = make_callback_request()
    assert change_form(admin_client, request, status="closed").status_code == 302
    request.refresh_from_db()
    assert request.closed_at is not None
    assert abs(request.closed_at - timezone.now()) < timedelta(minutes=1)
    assert change_form(admin_client, request, status="reached").status_code == 302
    request.refresh_from_db()
    assert request.closed_at is None


def test_the_mark_closed_action_stamps_closed_at_once(admin_client):
    """The bulk action stamps newly closed requests; already closed ones keep their time."""
    open_request = make_callback_request()
    long_closed_at = timezone.now() - timedelta(days=90)
    already_closed = make_callback_request(status="closed", closed_at=long_closed_at)
    admin_client.post(
        LIST,
        {"action": "mark_closed", "_selected_action": [open_request.pk, already_closed.pk]},
    )
    open_request.refresh_from_db()
    already_closed.refresh_from_db()
    assert open_request.status == "closed"
    assert abs(open_request.closed_at - timezone.now()) < timedelta(minutes=1)
    assert already_closed.closed_at == long_closed_at


def test_requests_closed_before_closed_at_existed_are_kept_a_whole_period_from_the_migration():
    """The migration stamps earlier closed requests with its own time, never an earlier one."""
    backfill = importlib.import_module("appointments.migrations.0005_closed_at")
    received = timezone.now() - timedelta(days=200)
    closed = make_callback_request(received_at=received, status="closed", closed_at=None)
    still_open = make_callback_request(received_at=received)
    backfill.closed_now(apps, schema_editor=None)
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert abs(closed.closed_at - timezone.now()) < timedelta(minutes=1)
    assert still_open.closed_at is None
    assert not CallbackRequest.objects.purgeable().exists()


def test_a_closed_request_with_no_closing_time_is_purged_by_its_age(settings):
    """Should closed_at ever be missing on a closed request, it still goes in time."""
    settings.CALLBACK_RETENTION_DAYS = 180
    old = make_callback_request(received_at=timezone.now() - timedelta(days=181), status="closed")
    CallbackRequest.objects.filter(pk=old.pk).update(closed_at=None)
    assert list(CallbackRequest.objects.purgeable()) == [old]


def test_closing_from_a_stale_form_keeps_the_first_closing_time():
    """Two people close the same request: the first time stands, never a blank one."""
    request = make_callback_request()
    mine, theirs = (CallbackRequest.objects.get(pk=request.pk) for _ in range(2))
    first_closed_at = timezone.now() - timedelta(hours=1)
    mine.status = CallbackRequest.Status.CLOSED
    callback_request_save(callback_request=mine, fields=["status"], now=first_closed_at)
    theirs.status = CallbackRequest.Status.CLOSED  # their copy still has closed_at=None
    callback_request_save(callback_request=theirs, fields=["status"])
    request.refresh_from_db()
    assert request.closed_at == first_closed_at


@real_commits
def test_the_scheduler_has_the_worker_run_the_purges_the_sweep_and_the_count_clearing():
    """run_schedule queues its seven jobs, and the worker carries them out."""
    make_callback_request(received_at=timezone.now() - timedelta(days=365), status="closed")
    RateLimitWindow.objects.create(
        client="x" * 64, window_start=timezone.now() - timedelta(days=2), hits=1
    )
    call_command("run_schedule", once=True)
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == [
        "appointments.tasks.forget_old_rate_limit_counts",
        "appointments.tasks.purge_access_records",
        "appointments.tasks.purge_callback_requests",
        "appointments.tasks.purge_task_results",
        "appointments.tasks.sweep_notifications",
        "procedures.tasks.delete_old_pending_pictures",
        "procedures.tasks.send_review_reminder",
        "staff.tasks.clear_expired_sessions",
    ]
    run_worker()
    assert not CallbackRequest.objects.exists()
    assert not RateLimitWindow.objects.exists()


def test_the_purge_deletes_requests_only_not_rate_limit_counts():
    """Clearing old rate-limit counts is a job of its own, not part of the purge."""
    RateLimitWindow.objects.create(
        client="x" * 64, window_start=timezone.now() - timedelta(days=2), hits=1
    )
    callback_requests_purge()
    assert RateLimitWindow.objects.count() == 1
