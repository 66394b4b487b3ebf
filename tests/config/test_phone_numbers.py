"""config/phone_numbers.py: one way to read a US number from typed text, and to show it."""

import pytest
from django import forms
from phonenumber_field.phonenumber import to_python

from config.phone_numbers import USPhoneNumberField, shown, us_number


@pytest.mark.parametrize(
    "typed",
    ["413-693-2852", "(413) 693-2852", "413.693.2852", "4136932852", "+1 413 693 2852"],
)
def test_a_us_number_written_any_familiar_way_is_read_as_the_same_number(typed):
    assert us_number(typed).as_e164 == "+14136932852"


@pytest.mark.parametrize("typed", ["", "555-CALL", "693-2852", "+44 20 7946 0958", "Hampden"])
def test_text_that_is_not_a_us_number_reads_as_none(typed):
    """Letters, too few digits and another country's number are not a US number."""
    assert us_number(typed) is None


def test_a_number_is_shown_the_way_the_clinic_writes_it():
    assert shown(us_number("(413) 693-2852")) == "413-693-2852"


def test_text_that_is_no_number_is_shown_as_it_was_typed():
    assert shown(to_python("call the desk", region="US")) == "call the desk"
    assert shown(to_python("+44 20 7946 0958")) == "+44 20 7946 0958"


class ClinicPhoneForm(forms.Form):
    phone = USPhoneNumberField(error_messages={"invalid": "Enter a US phone number."})


def test_the_form_field_takes_a_typed_us_number_and_gives_it_in_e164():
    form = ClinicPhoneForm({"phone": "(413) 555-0100"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"].as_e164 == "+14135550100"


@pytest.mark.parametrize("typed", ["555-CALL", "+44 20 7946 0958"])
def test_the_form_field_refuses_anything_else_with_its_own_message(typed):
    form = ClinicPhoneForm({"phone": typed})
    assert form.errors["phone"] == ["Enter a US phone number."]


def test_the_form_field_shows_a_stored_number_as_patients_know_it():
    html = str(ClinicPhoneForm(initial={"phone": us_number("4136932852")})["phone"])
    assert 'value="413-693-2852"' in html
    assert 'type="tel"' in html


def test_the_form_field_shows_a_refused_number_as_it_was_typed():
    """Bad input keeps what the person typed."""
    form = ClinicPhoneForm({"phone": "413-CALL-US"})
    assert not form.is_valid()
    assert 'value="413-CALL-US"' in str(form["phone"])
