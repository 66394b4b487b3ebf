"""Tasks whose worker died mid-run are marked failed and run again once; none stays running.

The worker killed for real (SIGKILL) under supervisord is in
tests/config/test_supervisord.py; these set up the rows such a death leaves.
"""

import os
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments import task_recovery
from appointments.models import Notification
from appointments.notifications import CLAIM_SECONDS, notification_send
from appointments.tasks import purge_callback_requests, send_notification
from tests.appointments.factories import create_through_service
from tests.appointments.helpers import run_worker
from tests.helpers import real_commits

pytestmark = pytest.mark.django_db

WORKER = "clinic-host-worker-1"


def running(task, worker_id=WORKER, *, started_ago=timedelta(seconds=5), **kwargs):
    """The row a worker leaves when it dies running the task: RUNNING, under its id."""
    result = task.enqueue(**kwargs)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - started_ago)
    return DBTaskResult.objects.get(pk=row.pk)


def reruns() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY))


def test_a_task_left_running_by_this_workers_last_run_is_failed_and_queued_again():
    """On start, a row still RUNNING under the worker's own id is marked failed (WorkerLost,
    saying why) and the same task, with the same arguments, is queued again."""
    lost = running(send_notification, notification_id=41)
    assert task_recovery.recover_tasks_of_worker(WORKER) == 1
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "appointments.task_recovery.WorkerLost"
    assert f"its worker ({WORKER}) stopped" in lost.traceback
    assert lost.finished_at is not None
    [again] = reruns()
    assert again.task_path == "appointments.tasks.send_notification"
    assert again.args_kwargs == {"args": [], "kwargs": {"notification_id": 41}}
    assert f"Running again as task {again.pk}." in lost.traceback


def test_tasks_left_running_by_any_of_its_threads_are_recovered():
    """run_worker's threads run as <id>-1, <id>-2 ...: a row under any of them (even a thread
    number its last run had and this one has not) is this worker's; <id>0 or <id>-x is not."""
    ours = [running(purge_callback_requests, f"{WORKER}-{n}") for n in (1, 2, 9)]
    theirs = [running(purge_callback_requests, f"{WORKER}{n}") for n in ("0", "-x", "-1-2")]
    assert task_recovery.recover_tasks_of_worker(WORKER) == len(ours)
    for row in ours + theirs:
        row.refresh_from_db()
    assert {row.status for row in ours} == {TaskResultStatus.FAILED}
    assert {row.status for row in theirs} == {TaskResultStatus.RUNNING}


def test_tasks_running_under_other_workers_are_left_alone():
    """Another worker's running task is none of this worker's business at start."""
    other = running(purge_callback_requests, worker_id="clinic-host-worker-2")
    assert task_recovery.recover_tasks_of_worker(WORKER) == 0
    other.refresh_from_db()
    assert other.status == TaskResultStatus.RUNNING
    assert reruns() == []


def test_a_lost_second_run_is_not_run_a_third_time():
    """A task that was lost twice (one that kills its worker, say) is only marked failed."""
    running(purge_callback_requests)
    task_recovery.recover_tasks_of_worker(WORKER)
    [again] = reruns()
    again.claim(WORKER)  # the second run dies too
    assert task_recovery.recover_tasks_of_worker(WORKER) == 1
    again.refresh_from_db()
    assert again.status == TaskResultStatus.FAILED
    assert "not run again" in again.traceback
    assert reruns() == []
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def test_a_task_running_past_the_limit_is_recovered_whatever_its_worker():
    """The scheduler's check: a row RUNNING over an hour is lost, one running a minute is not."""
    stale = running(purge_callback_requests, "gone-host-worker-1", started_ago=timedelta(hours=2))
    busy = running(purge_callback_requests, "live-host-worker-1", started_ago=timedelta(minutes=1))
    assert task_recovery.recover_tasks_running_too_long() == 1
    stale.refresh_from_db()
    busy.refresh_from_db()
    assert stale.status == TaskResultStatus.FAILED
    assert "still running after 1:00:00" in stale.traceback
    assert busy.status == TaskResultStatus.RUNNING
    assert len(reruns()) == 1


def test_a_row_whose_task_no_longer_exists_is_marked_failed_without_stopping_the_worker():
    """A row naming a task that was removed since cannot run again; recovery goes on."""
    lost = running(purge_callback_requests)
    DBTaskResult.objects.filter(pk=lost.pk).update(task_path="appointments.tasks.removed_task")
    assert task_recovery.recover_tasks_of_worker(WORKER) == 1
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert reruns() == []


@real_commits
def test_an_email_whose_task_died_mid_send_is_sent_at_once_by_the_next_run(
    smtp_server, settings, tmp_path
):
    """The dead run's claim on the email is released, so the worker started again sends it
    straight away rather than minutes later, when the claim and the sweep would."""
    settings.VAR_DIR = tmp_path  # where the worker's lock file goes
    create_through_service()
    notification = Notification.objects.get()
    DBTaskResult.objects.all().delete()
    # The worker took the task and claimed the email, then died before sending it.
    lost = running(send_notification, notification_id=notification.pk)
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=timezone.now() + timedelta(seconds=CLAIM_SECONDS), attempts=1
    )
    assert notification_send(notification_id=notification.pk) is None  # claimed: not sent

    call_command("run_worker", worker_id=WORKER, batch=True, startup_delay=False, verbosity=0)

    assert len(smtp_server.inbox.wait_for(1)) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
    run_worker()
    assert len(smtp_server.inbox.messages) == 1


def test_a_worker_id_is_held_by_one_live_worker_at_a_time(tmp_path):
    """The lock file refuses a second holder of an id, and frees it when the first is gone."""
    first = task_recovery.hold_worker_id(WORKER, tmp_path)
    with pytest.raises(task_recovery.WorkerIdInUse):
        task_recovery.hold_worker_id(WORKER, tmp_path)
    os.close(first)  # as the kernel does when the process dies, however it dies
    os.close(task_recovery.hold_worker_id(WORKER, tmp_path))


def test_run_worker_refuses_an_id_a_live_worker_holds(settings, tmp_path):
    """Two workers with one id would take each other's running tasks for lost: refused."""
    settings.VAR_DIR = tmp_path
    held = task_recovery.hold_worker_id(WORKER)
    try:
        with pytest.raises(CommandError, match="Another task worker with the id"):
            call_command("run_worker", worker_id=WORKER, batch=True, startup_delay=False)
    finally:
        os.close(held)


def test_run_worker_ids_stay_the_same_across_restarts():
    """The default id is the machine's name and the slot, so a restarted worker knows its rows."""
    assert task_recovery.default_worker_id() == task_recovery.default_worker_id()
    assert task_recovery.default_worker_id("2").endswith("-worker-2")
    assert len(task_recovery.default_worker_id()) < 64  # django-tasks-db's limit


def test_the_scheduler_recovers_tasks_running_past_the_limit_every_minute():
    """run_schedule's minute job runs the check itself, so it works while the worker is busy."""
    stale = running(purge_callback_requests, "gone-host-worker-1", started_ago=timedelta(hours=2))
    call_command("run_schedule", once=True)
    stale.refresh_from_db()
    assert stale.status == TaskResultStatus.FAILED
