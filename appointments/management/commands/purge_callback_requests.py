"""`manage.py purge_callback_requests`: delete requests closed over CALLBACK_RETENTION_DAYS ago.

The scheduler (`manage.py run_schedule`, started by `make run`) has the
worker do this daily. Without it, a cron line does the same:
    15 3 * * *  cd /srv/neec && .venv/bin/python manage.py purge_callback_requests
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.retention import callback_requests_purge


class Command(BaseCommand):
    help = "Delete callback requests closed more than CALLBACK_RETENTION_DAYS (default 180) ago."

    def handle(self, *args, **options):
        purged = callback_requests_purge()
        self.stdout.write(
            f"Deleted {purged} callback request(s) closed more than "
            f"{settings.CALLBACK_RETENTION_DAYS} days ago."
        )
