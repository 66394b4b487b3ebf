"""`manage.py run_worker`: the task worker, running several tasks at a time.

django-tasks-db's `db_worker` runs one task at a time, so one slow mail server
(10 s an email) holds every other email back: a burst of 150 alerts took 25
minutes. This runs TASK_WORKER_THREADS of its workers (`--threads`) in one
process, each in a thread with its own database connection, taking tasks from
the same queue; the database hands each task to one of them
(select_for_update(skip_locked) on PostgreSQL, an exclusive transaction on
SQLite), and an email is claimed before it is sent (appointments/notifications.py),
so no email goes out twice.

Same options as `db_worker` (but no reloading on code changes), plus `--threads`.
The first SIGTERM or Ctrl-C lets each thread finish the task it is running (an
email waits at most EMAIL_URL's timeout for the server) and stops; a second
stops at once. If a thread fails outside any task (the database gone), the
process stops with status 1, for the process supervisor to start it again.
"""

import signal
import sys
import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands import db_worker


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

    def handle(self, *, verbosity, threads, queue_name, exclude_queues, worker_id, **options):
        self.configure_logging(verbosity)
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
                worker_id=f"{worker_id[:56]}-{number}",
            )
            for number in range(1, max(threads, 1) + 1)
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
