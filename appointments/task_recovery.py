"""Tasks whose worker died mid-run: marked failed, and run again once.

django-tasks-db (0.13) marks a task's result row RUNNING when a worker takes
it, and SUCCESSFUL or FAILED when the task returns or raises. A worker killed
outright (SIGKILL, the machine's out-of-memory killer, a power cut) does
neither: the row would stay RUNNING for ever and the task would never run. The
library has no heartbeat and no check for that; this module adds one, in two
places:

- **When a worker starts** (`manage.py run_worker`): every worker has a stable
  id (its machine's name and a slot, the same across restarts), and holds a
  lock file for it while it runs, so no two live workers share one
  (`hold_worker_id`). A row still RUNNING under that id can only be left from
  this worker's previous run, which is gone: it is recovered at once.
- **Every minute** (`manage.py run_schedule`): a row RUNNING for more than
  `RUNNING_LIMIT` is recovered too, whatever its worker (a worker whose id
  changed, or whose machine is gone). No task of this site runs anywhere near
  that long: an email takes seconds, a purge less than a minute.

Recovering a row marks it FAILED with `WorkerLost` as its error, and queues
the same task (same arguments, queue and priority) again, once: a row that
was itself such a second run is only marked failed, so a task that kills its
worker every time (running out of memory, say) is not run for ever. The
failed row says which task runs in its place; superusers see both under
"Task results" in the admin.

Before a lost email task runs again, its email's claim is released
(appointments/notifications.py): the claim was held by the run that died.
"""

import fcntl
import logging
import os
import re
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments import notifications

logger = logging.getLogger(__name__)

# A row RUNNING longer than this is taken to be lost, whichever worker ran it.
RUNNING_LIMIT = timedelta(hours=1)
# django-tasks-db refuses worker ids of 64 characters or more.
WORKER_ID_LENGTH = 63


class WorkerLost(Exception):
    """The worker running this task stopped before the task finished."""


LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"

# What a lost run of a task leaves behind that its next run must undo first.
BEFORE_RUNNING_AGAIN = {
    "appointments.tasks.send_notification": lambda kwargs: notifications.release_claim(
        kwargs["notification_id"]
    ),
}


def default_worker_id(slot: str = "1") -> str:
    """This machine's name and the worker's slot on it: the same every time it starts."""
    return f"{socket.gethostname()}-worker-{slot}"[-WORKER_ID_LENGTH:]


class WorkerIdInUse(Exception):
    """Another live worker on this machine holds this worker id."""


def hold_worker_id(worker_id: str, lock_dir: Path | None = None) -> int:
    """Take this machine's lock for the worker id, held until the process ends; return its fd.

    The kernel releases the lock when the process dies, however it dies, so a
    worker started again after a crash gets it at once.
    """
    lock_dir = lock_dir or Path(settings.VAR_DIR) / "run"
    lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", worker_id)
    fd = os.open(lock_dir / f"task-worker-{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise WorkerIdInUse(worker_id) from None
    return fd


def thread_worker_id(worker_id: str, number: int) -> str:
    """The id thread `number` of the worker `worker_id` runs as (manage.py run_worker)."""
    return f"{worker_id[: WORKER_ID_LENGTH - 7]}-{number}"


def recover_tasks_of_worker(worker_id: str) -> int:
    """Recover the rows still RUNNING under this worker id or any of its threads' ids
    (however many threads its last run had). Call it only while holding the id."""
    own = re.compile(re.escape(thread_worker_id(worker_id, 0)[:-1]) + r"\d+")

    def ran_it(row) -> bool:
        last = row.worker_ids[-1] if row.worker_ids else ""
        return last == worker_id or own.fullmatch(last) is not None

    lost = [row for row in DBTaskResult.objects.running() if ran_it(row)]
    return _recover(lost, f"its worker ({worker_id}) stopped before it finished")


def recover_tasks_running_too_long(*, now=None) -> int:
    """Recover the rows RUNNING for longer than RUNNING_LIMIT, whatever their worker."""
    now = now or timezone.now()
    lost = list(DBTaskResult.objects.running().filter(started_at__lt=now - RUNNING_LIMIT))
    return _recover(lost, f"it was still running after {RUNNING_LIMIT}")


def _recover(rows: list[DBTaskResult], why: str) -> int:
    recovered = 0
    for row in rows:
        with transaction.atomic():
            again = None if _is_second_run(row) else _run_again(row)
            marked = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=LOST,
                traceback=_explanation(why, again),
                return_value=None,
            )
            if not marked:  # it finished, or someone else recovered it, meanwhile
                transaction.set_rollback(True)
                continue
        recovered += 1
        logger.warning(
            "Task %s (%s) was lost: %s. %s",
            row.pk,
            row.task_path,
            why,
            f"Running it again as task {again}." if again else "Not running it again.",
        )
    return recovered


def _is_second_run(row: DBTaskResult) -> bool:
    return DBTaskResult.objects.filter(
        exception_class_path=LOST, traceback__contains=f"as task {row.pk}."
    ).exists()


def _run_again(row: DBTaskResult) -> str | None:
    """Queue the task again; None if that cannot be done (the task no longer exists, say)."""
    args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
    try:
        with transaction.atomic():
            undo = BEFORE_RUNNING_AGAIN.get(row.task_path)
            if undo is not None:
                undo(kwargs)
            return str(row.task.enqueue(*args, **kwargs).id)
    except Exception:
        # Never let one odd row stop a worker from starting: it is marked failed all the same.
        logger.exception("Task %s (%s) could not be queued again.", row.pk, row.task_path)
        return None


def _explanation(why: str, again: str | None) -> str:
    text = f"{WorkerLost.__doc__} This task was marked failed because {why}.\n"
    if again:
        return text + f"Running again as task {again}.\n"
    return text + "It is not run again (it was a second run already, or could not be queued).\n"
