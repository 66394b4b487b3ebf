"""`manage.py run_worker`: the task worker, several tasks at a time, which first takes back
what its last run left.

It is django-tasks-db's `db_worker` (same options, but no reloading on code
changes), with three differences:

- **Threads** (`--threads`, default TASK_WORKER_THREADS): `db_worker` runs one
  task at a time, so one slow mail server (10 s an email) holds every other
  email back: a burst of 150 alerts took 25 minutes. This runs that many of its
  workers in one process, each in a thread with its own database connection,
  taking tasks from the same queue; the database hands each task to one of
  them (select_for_update(skip_locked) on PostgreSQL, an exclusive transaction
  on SQLite), and an email is claimed before it is sent
  (appointments/notifications.py), so no email goes out twice.
- **A stable id**: `--worker-id` defaults to this machine's name and `--slot`
  (1 unless given), the same every time the worker starts, so it can tell its
  own lost tasks; thread n runs as `<id>-n`. The id is held with a lock file in
  VAR_DIR/run while the worker runs; a second worker started with the same id
  on this machine stops at once.
- **Recovery first**: before taking new tasks, any task still marked running
  under one of its threads' ids (left by a run of this worker that was killed)
  is marked failed and queued again (appointments/task_recovery.py).

The first SIGTERM or Ctrl-C lets each thread finish the task it is running (an
email waits at most EMAIL_URL's timeout for the server) and stops; a second
stops at once. If a thread fails outside any task (the database gone), the
process stops with status 1. `make run` starts it under supervisord
(config/supervisord.conf), a deployment under systemd (deploy/systemd/), and
both start it again within seconds whenever it dies.
"""

import os
import signal
import sys
import threading

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django_tasks_db.management.commands import db_worker

from appointments import task_recovery


class Command(db_worker.Command):
    help = "Run the database task worker with several threads (TASK_WORKER_THREADS)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.TASK_WORKER_THREADS,
            help="Tasks run at a time (default: TASK_WORKER_THREADS, %(default)s).",
        )
        parser.add_argument(
            "--slot",
            default="1",
            help="This worker's number on this machine, when several run (default: 1).",
        )
        parser.set_defaults(worker_id=None)

    def handle(
        self, *, verbosity, threads, queue_name, exclude_queues, worker_id=None, slot="1", **options
    ):
        self.configure_logging(verbosity)
        worker_id = worker_id or task_recovery.default_worker_id(slot)
        try:
            # Held (open, locked) while this command runs; the kernel frees it if we die.
            lock = task_recovery.hold_worker_id(worker_id)
        except task_recovery.WorkerIdInUse:
            raise CommandError(
                f"Another task worker with the id {worker_id} is running on this machine. "
                "Give each worker its own --slot (or --worker-id)."
            ) from None
        try:
            self.run_threads(worker_id, threads, queue_name, exclude_queues, options)
        finally:
            os.close(lock)

    def run_threads(self, worker_id, threads, queue_name, exclude_queues, options):
        task_recovery.recover_tasks_of_worker(worker_id)
        thread_ids = [
            task_recovery.thread_worker_id(worker_id, number)
            for number in range(1, max(threads, 1) + 1)
        ]
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        self.workers = [
            db_worker.Worker(
                queue_names=queue_names,
                excluded_queue_names=excluded,
                interval=options["interval"],
                batch=options["batch"],
                backend_name=options["backend_name"],
                startup_delay=options["startup_delay"],
                max_tasks=options["max_tasks"],
                worker_id=thread_id,
            )
            for thread_id in thread_ids
        ]
        self.failed = False
        running = [
            threading.Thread(target=self.run_one, args=[worker], name=worker.worker_id, daemon=True)
            for worker in self.workers
        ]
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for thread in running:
                thread.start()
            while any(thread.is_alive() for thread in running):
                for thread in running:
                    thread.join(timeout=0.5)
                if self.failed:
                    self.stop_all()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.failed:
            sys.exit(1)

    def run_one(self, worker):
        try:
            worker.run()
        except BaseException:
            db_worker.logger.exception("Worker thread %s stopped by an error.", worker.worker_id)
            self.failed = True
        finally:
            connections.close_all()  # this thread's own connections

    def stop_all(self):
        for worker in self.workers:
            worker.running = False

    def stop(self, signum, frame):
        if not any(worker.running for worker in self.workers):
            db_worker.logger.warning("Stopping now, without finishing the tasks running.")
            sys.exit(1)
        db_worker.logger.warning(
            "Received %s: finishing the tasks running, then stopping (again to stop now).",
            signal.strsignal(signum),
        )
        self.stop_all()
