"""`manage.py publish_page <address>`: publish a procedure page's saved working copy.

For whoever runs the site from a shell (a restore, a script): the same publishing as the
admin's “Save and publish now”, recorded in the page's history as done by no one, with the
public pages' cache cleared at once. `--unpublish` takes the page off the site instead.
"""

from django.core.management.base import BaseCommand, CommandError

from procedures.models import Procedure
from procedures.publishing import PublishingRefused, page_publish, page_unpublish


class Command(BaseCommand):
    help = "Publish a procedure page as it is saved (or take it off the site with --unpublish)."

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help="The last part of the page's address, e.g. port-placement."
        )
        parser.add_argument("--note", default="", help="A few words for the page's history.")
        parser.add_argument(
            "--unpublish", action="store_true", help="Take the page off the site instead."
        )

    def handle(self, *args, slug, note, unpublish, **options):
        procedure = Procedure.objects.filter(slug=slug).first()
        if procedure is None:
            raise CommandError(f"No procedure page has the address “{slug}”.")
        try:
            if unpublish:
                page_unpublish(procedure=procedure, by=None, note=note)
                self.stdout.write(self.style.SUCCESS(f"Took “{procedure}” off the site."))
                return
            revision = page_publish(procedure=procedure, by=None, note=note)
        except PublishingRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(f"Published “{procedure}”: patients see version {revision.number}.")
        )
