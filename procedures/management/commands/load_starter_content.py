"""`manage.py load_starter_content`: put the port-placement explainer in an empty database.

It does nothing when any procedure exists, so it never overwrites or
duplicates what editors have written. `make run` calls it on every start.
"""

from django.core.management.base import BaseCommand

from procedures.content import port_placement
from procedures.models import Procedure
from procedures.services import procedure_create_from_content

STARTER_REVIEWER = "Clinical team, New England Endovascular Center"


class Command(BaseCommand):
    help = "Load the port-placement explainer if the database has no procedures yet."

    def handle(self, *args, **options):
        if Procedure.objects.exists():
            self.stdout.write("Procedures already exist; starter content left alone.")
            return
        procedure = procedure_create_from_content(
            content=port_placement, reviewed_by=STARTER_REVIEWER
        )
        self.stdout.write(self.style.SUCCESS(f"Loaded “{procedure.title}”."))
