"""`manage.py clear_page_cache`: drop every cached public page.

Run after each deploy (`make run` does), so no page cached by the previous
release, pointing at its stylesheet, outlives it. The cached clinic details are
read again too: the previous release may have cached them in an older shape.
"""

from django.core.management.base import BaseCommand

from procedures.models import ClinicDetails
from procedures.publishing import public_pages_clear_cache


class Command(BaseCommand):
    help = "Drop every cached public page and cache the clinic details afresh."

    def handle(self, *args, **options):
        public_pages_clear_cache()
        ClinicDetails.objects.refresh_cached()
