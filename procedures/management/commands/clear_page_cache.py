"""`manage.py clear_page_cache`: drop every cached public page.

Run after each deploy (`make run` does), so no page cached by the previous
release, pointing at its stylesheet, outlives it.
"""

from django.core.cache import caches
from django.core.management.base import BaseCommand

from procedures.models import ClinicDetails


class Command(BaseCommand):
    help = "Drop every cached public page and the cached clinic details."

    def handle(self, *args, **options):
        caches["pages"].clear()
        ClinicDetails.objects.forget_cached()
