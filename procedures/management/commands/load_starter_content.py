"""`manage.py load_starter_content`: put the port-placement explainer, in English and
Spanish, in a new database.

The page comes reviewed by nobody: no clinician at the clinic has checked it, so it
says so to patients until an editor records a clinical review.

It loads the page only once in the life of the database (procedures.StarterContentLoad
records it), so it never duplicates what editors have written and never brings back
a page they deleted. `make run` calls it on every start.
"""

from django.core.management.base import BaseCommand

from procedures.content import port_placement, port_placement_es
from procedures.services import starter_content_load, starter_spanish_load


class Command(BaseCommand):
    help = "Load the port-placement explainer, unless it was loaded once before."

    def handle(self, *args, **options):
        procedure = starter_content_load(content=port_placement)
        if procedure is None:
            self.stdout.write("Starter content was loaded before; left alone.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded “{procedure.title}”."))
        # The Spanish comes as a load of its own, so a database made before it gets it too.
        procedure = starter_spanish_load(english=port_placement, spanish=port_placement_es)
        if procedure is None:
            self.stdout.write("Spanish starter content was loaded before; left alone.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the Spanish of “{procedure.title}”."))
