"""config/change_history.py: what a change record keeps and how it reads, for any table."""

import pytest

from procedures.models import ClinicDetails, ClinicDetailsChange
from tests.factories import make_staff_user

pytestmark = pytest.mark.django_db


def test_only_fields_whose_value_differs_are_recorded():
    before = ClinicDetailsChange.values_of(ClinicDetails.objects.get())
    after = before | {"address": "1 Main St"}
    change = ClinicDetailsChange.record(before=before, after=after, by=None)
    assert change.changes == {"address": ["", "1 Main St"]}


def test_a_save_that_changes_nothing_leaves_no_record():
    values = ClinicDetailsChange.values_of(ClinicDetails.objects.get())
    assert ClinicDetailsChange.record(before=values, after=values, by=None) is None
    assert not ClinicDetailsChange.objects.exists()


def test_values_are_kept_as_the_database_stores_them():
    """A phone number as E.164, so putting it back gives the very same number."""
    details = ClinicDetails.objects.get()
    details.phone = "(413) 555-0100"
    assert ClinicDetailsChange.values_of(details)["phone"] == "+14135550100"


def test_fields_read_in_the_forms_order_with_their_names_and_empty_said_in_words():
    change = ClinicDetailsChange(
        changes={"hours_es": ["", "Lunes"], "phone": ["+14136932852", "+14135550100"]}
    )
    assert change.lines() == [
        ("Phone", "413-693-2852", "413-555-0100"),
        ("Hours (Spanish)", "(empty)", "Lunes"),
    ]


def test_who_made_a_change_is_still_named_after_their_account_is_deleted():
    user = make_staff_user("anna")
    user.first_name = "Anna"
    user.save()
    change = ClinicDetailsChange.record(before={"name": "A"}, after={"name": "B"}, by=user)
    user.delete()
    change.refresh_from_db()
    assert (change.changed_by, change.who) == (None, "Anna")
