"""The worker's records of finished tasks are deleted after TASK_RESULT_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.tasks import purge_task_results, sweep_notifications

pytestmark = pytest.mark.django_db


def task_result(status: str, *, days_ago: float, finished: bool) -> str:
    """A real queued task, then set to a status, enqueued (and finished) days ago."""
    result_id = sweep_notifications.enqueue().id
    when = timezone.now() - timedelta(days=days_ago)
    DBTaskResult.objects.filter(id=result_id).update(
        status=status, enqueued_at=when, finished_at=when if finished else None
    )
    return result_id


def test_finished_results_past_the_retention_are_deleted_and_the_rest_kept(settings):
    """Done or failed 8 days ago (keep 7): deleted. Done yesterday, or never finished
    (waiting, running) however old: kept."""
    settings.TASK_RESULT_RETENTION_DAYS = 7
    old_done = task_result("SUCCESSFUL", days_ago=8, finished=True)
    old_failed = task_result("FAILED", days_ago=8, finished=True)
    recent = task_result("SUCCESSFUL", days_ago=1, finished=True)
    waiting = task_result("READY", days_ago=30, finished=False)
    running = task_result("RUNNING", days_ago=30, finished=False)

    purge_task_results.call()

    kept = {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)}
    assert kept == {recent, waiting, running}
    assert old_done not in kept and old_failed not in kept


def test_the_retention_is_a_setting(settings):
    """With TASK_RESULT_RETENTION_DAYS=30, results finished 8 days ago stay."""
    settings.TASK_RESULT_RETENTION_DAYS = 30
    task_result("SUCCESSFUL", days_ago=8, finished=True)
    purge_task_results.call()
    assert DBTaskResult.objects.count() == 1
