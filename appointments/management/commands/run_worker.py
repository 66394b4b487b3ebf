"""`manage.py run_worker`: the task worker, which first takes back what its last run left.

It is django-tasks-db's `db_worker` (same options), with two differences:

- `--worker-id` defaults to this machine's name and `--slot` (1 unless given):
  the same id every time the worker starts, so it can tell its own lost tasks.
  The id is held with a lock file in VAR_DIR/run while the worker runs; a
  second worker started with the same id on this machine stops at once.
- Before taking new tasks, any task still marked running under that id (left
  by a run of this worker that was killed) is marked failed and queued again
  (appointments/task_recovery.py).

`make run` starts it under supervisord (config/supervisord.conf), which starts
it again within seconds whenever it dies.
"""

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from appointments import task_recovery


class Command(db_worker.Command):
    help = (
        "Run the task worker: take back the tasks its previous run left running, "
        "then run tasks as django-tasks-db's db_worker does."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--slot",
            default="1",
            help="This worker's number on this machine, when several run (default: 1).",
        )
        parser.set_defaults(worker_id=None)

    def handle(self, *args, worker_id=None, slot="1", **options):
        worker_id = worker_id or task_recovery.default_worker_id(slot)
        try:
            # Held (open, locked) until this process ends.
            self.worker_id_lock = task_recovery.hold_worker_id(worker_id)
        except task_recovery.WorkerIdInUse:
            raise CommandError(
                f"Another task worker with the id {worker_id} is running on this machine. "
                "Give each worker its own --slot (or --worker-id)."
            ) from None
        task_recovery.recover_tasks_of_worker(worker_id)
        super().handle(*args, worker_id=worker_id, **options)
