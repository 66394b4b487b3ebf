"""`manage.py run_schedule`: queue the periodic tasks for the worker, until stopped.

Every few seconds it publishes procedure pages whose scheduled time has come (itself,
through procedures.publishing, so a page goes live within seconds of its time with nobody
at the keyboard). Every minute it queues the sweep that re-sends stuck emails, and itself marks
failed (and queues again, once) any task left running for far too long by a
worker that died (appointments/task_recovery.py); once a day (and
once at start) it queues the purge of old closed requests, the purge of old
records of who saw which patient, the deletion of expired sessions, the purge
of the worker's own records of finished tasks, the content editors' email of
pages due for medical review (procedures/tasks.py) and, as a job of its own, the
clearing of old rate-limit counts. `make run` starts it beside the web server
and the worker (config/supervisord.conf). Apart from that check it only queues;
the worker (`manage.py run_worker`) does the work.
"""

import signal
import time

from django.core.management.base import BaseCommand

from appointments import task_recovery
from appointments.tasks import (
    forget_old_rate_limit_counts,
    purge_access_records,
    purge_callback_requests,
    purge_task_results,
    sweep_notifications,
)
from procedures.publishing import publish_due_pages
from procedures.tasks import delete_old_pending_pictures, send_review_reminder
from staff.tasks import clear_expired_sessions

SWEEP_EVERY = 60
PUBLISH_EVERY = 10
DAILY = 24 * 3600


class Command(BaseCommand):
    help = (
        "Publish pages whose scheduled time has come (every 10 seconds); queue the "
        "notification sweep every minute, and take back tasks lost with their "
        "worker; the retention purges (callback requests, access records, finished task "
        "results), expired sessions, old rate-limit counts and the email of pages due for "
        "medical review daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Queue each task once and exit.")

    def handle(self, *args, once=False, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        next_sweep = next_daily = next_publish = time.monotonic()
        while self.running:
            now = time.monotonic()
            if now >= next_publish:
                for procedure in publish_due_pages():
                    self.stdout.write(f"Published the scheduled version of page {procedure.pk}.")
                next_publish = now + PUBLISH_EVERY
            if now >= next_sweep:
                sweep_notifications.enqueue()
                task_recovery.recover_tasks_running_too_long()
                next_sweep = now + SWEEP_EVERY
            if now >= next_daily:
                purge_callback_requests.enqueue()
                purge_access_records.enqueue()
                forget_old_rate_limit_counts.enqueue()
                clear_expired_sessions.enqueue()
                purge_task_results.enqueue()
                send_review_reminder.enqueue()
                delete_old_pending_pictures.enqueue()
                next_daily = now + DAILY
            if once:
                return
            time.sleep(1)

    def stop(self, signum, frame):
        self.running = False
