"""Migration procedures 0011: the clinic's phone number as typed becomes E.164."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from procedures.models import ClinicDetails
from tests.helpers import real_commits

BEFORE = ("procedures", "0009_spanish_review")


def migrate_with_phone(typed: str) -> ClinicDetails:
    """Go back to before the migration, store `typed` as the phone, migrate forward again."""
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    old_apps.get_model("procedures", "ClinicDetails").objects.filter(pk=1).update(phone=typed)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    return ClinicDetails.objects.get()


@real_commits
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("413-693-2852", "+14136932852"), ("(413) 555-0100", "+14135550100")],
)
def test_a_number_as_typed_is_stored_in_e164_and_still_shown_as_patients_know_it(typed, stored):
    details = migrate_with_phone(typed)
    assert details.phone_e164 == stored
    assert details.phone_shown == f"{stored[2:5]}-{stored[5:8]}-{stored[8:]}"


@real_commits
def test_a_stored_value_that_is_no_phone_number_becomes_the_clinics_number(capsys):
    """The migration does not stop; it says which value it replaced."""
    details = migrate_with_phone("call the desk")
    assert details.phone_e164 == "+14136932852"
    assert "'call the desk' is not a phone number" in capsys.readouterr().out


@real_commits
def test_going_back_writes_the_number_as_typed_again():
    ClinicDetails.objects.filter(pk=1).update(phone="+14135550100")
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    old_phone = old_apps.get_model("procedures", "ClinicDetails").objects.get().phone
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert old_phone == "413-555-0100"
