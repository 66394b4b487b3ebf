"""`manage.py make_test_callback_requests N`: N made-up callback requests, to try the list at scale.

    manage.py make_test_callback_requests 100000     # make them (about 10 s on SQLite)
    manage.py make_test_callback_requests --remove   # delete every one of them again

They are marked as test data (references TEST-…, "Test patient" names, fictional
555-01xx numbers; see appointments/test_data.py) and no email is sent for them.
Under production settings (PRODUCTION, config/settings/prod.py) it refuses to make
them unless given --force: in a real clinic's database they would sit in the real
queue beside real patients. `make run` uses production settings too, so a local run
takes --force. --remove is allowed everywhere: it only ever deletes TEST- requests.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from appointments import test_data


class Command(BaseCommand):
    help = (
        "Make N made-up callback requests marked as test data (references TEST-…), "
        "or delete them all with --remove."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, help="How many requests to make.")
        parser.add_argument(
            "--remove", action="store_true", help="Delete every test request (TEST-…) instead."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=180,
            help="Spread the requests over this many days before now (default 180).",
        )
        parser.add_argument("--seed", type=int, help="Random seed, for the same data again.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make them under production settings too: only for a database that is "
            "not a real clinic's, such as a local `make run`.",
        )

    def handle(self, *args, count=None, remove=False, days=180, seed=None, force=False, **_):
        if remove:
            if count is not None:
                raise CommandError("Give either a number of requests to make, or --remove.")
            removed = test_data.remove_test_requests()
            self.stdout.write(f"Deleted {removed} test request(s) (references TEST-…).")
            return
        if count is None or count < 1:
            raise CommandError("Say how many test requests to make, e.g. 100000.")
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        if getattr(settings, "PRODUCTION", False) and not force:
            raise CommandError(
                "Not made: these are production settings, and in a real clinic's database "
                "made-up requests would sit in the front desk's queue beside real patients. "
                "Use a copy of the site that is not the clinic's; for a local `make run`, "
                "add --force. (--remove deletes them again.)"
            )
        started = time.monotonic()
        try:
            made = test_data.make_test_requests(count, days=days, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Made {made} test request(s) (references TEST-…) in {seconds:.1f} s. "
            "Delete them with: manage.py make_test_callback_requests --remove"
        )
