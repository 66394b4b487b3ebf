"""US phone numbers, read and written one way everywhere: the clinic's number, the number a
patient gives on the callback form, and a number typed in the front desk's search box.

A number is kept in E.164 (+14136932852, django-phonenumber-field's PhoneNumber): tel: links
dial it and searches find it exactly. People see it the way the clinic writes it on paper,
413-693-2852 (`shown`).
"""

import phonenumbers
from django import forms
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber, to_python

REGION = "US"


def us_number(text: str) -> PhoneNumber | None:
    """The US phone number typed in `text`, written any familiar way ("(413) 693-2852",
    "413.693.2852", "+1 413 693 2852"); None if it is not a real US number."""
    if not text:
        return None
    number = to_python(text, region=REGION)
    if not number.country_code or not phonenumbers.is_valid_number_for_region(number, REGION):
        return None
    return number


def shown(number: PhoneNumber) -> str:
    """The number as patients know it, "413-693-2852" (a number from elsewhere: +44 20 ...;
    text that is no number, as it was typed)."""
    if not number.is_valid():
        return number.raw_input or ""
    if number.country_code != 1:
        return number.as_international
    digits = phonenumbers.national_significant_number(number)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


class ShownNumberInput(forms.TextInput):
    """A phone number box that shows a stored number as patients know it (413-693-2852)
    and what someone typed exactly as they typed it."""

    input_type = "tel"

    def format_value(self, value):
        if isinstance(value, PhoneNumber) and value.is_valid():
            return shown(value)
        return super().format_value(value)


class USPhoneNumberField(PhoneNumberField):
    """A US number written any familiar way; the field's "invalid" message for anything else
    (a number from another country, letters, too few digits)."""

    widget = ShownNumberInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("region", REGION)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        number = super().clean(value)
        if number and not phonenumbers.is_valid_number_for_region(number, REGION):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number
