"""`manage.py purge_callback_requests`: delete closed requests past CALLBACK_RETENTION_DAYS.

The scheduler (`manage.py run_schedule`, started by `make run`) has the
worker do this daily. Without it, a cron line does the same:
    15 3 * * *  cd /srv/neec && .venv/bin/python manage.py purge_callback_requests
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.services import callback_requests_purge


class Command(BaseCommand):
    help = "Delete closed callback requests older than CALLBACK_RETENTION_DAYS (default 180)."

    def handle(self, *args, **options):
        purged = callback_requests_purge()
        self.stdout.write(
            f"Deleted {purged} closed callback request(s) older than "
            f"{settings.CALLBACK_RETENTION_DAYS} days."
        )
