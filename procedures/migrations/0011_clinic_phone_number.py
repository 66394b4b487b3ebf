"""The clinic's phone number is stored the way the callback requests' numbers are: E.164.

"413-693-2852", "(413) 693-2852" and the like become "+14136932852" (pages still show
413-693-2852). A stored value that is not a real US number (it could not be saved through
the admin, but a hand edit could) does not stop the migration: the clinic's number,
+14136932852, takes its place, and the migration prints which value it replaced.

Going back writes the number as 413-693-2852 again.
"""

import phonenumber_field.modelfields
import phonenumbers
from django.db import migrations, models

CLINIC_NUMBER = "+14136932852"


def to_e164(apps, schema_editor):
    ClinicDetails = apps.get_model("procedures", "ClinicDetails")
    for pk, typed in ClinicDetails.objects.values_list("pk", "phone"):
        try:
            number = phonenumbers.parse(typed, "US")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        else:
            e164 = CLINIC_NUMBER
            print(f"\n  Clinic details: {typed!r} is not a phone number; it is now {e164}.")
        ClinicDetails.objects.filter(pk=pk).update(phone=e164)


def to_typed(apps, schema_editor):
    ClinicDetails = apps.get_model("procedures", "ClinicDetails")
    for pk, e164 in ClinicDetails.objects.values_list("pk", "phone"):
        number = phonenumbers.parse(e164)
        if number.country_code == 1:
            digits = phonenumbers.national_significant_number(number)
            typed = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        else:
            typed = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )[:20]
        ClinicDetails.objects.filter(pk=pk).update(phone=typed)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0010_page_revisions")]

    operations = [
        migrations.AlterField(
            model_name="clinicdetails",
            name="phone",
            field=models.CharField(max_length=128),
        ),
        migrations.RunPython(to_e164, to_typed),
        migrations.AlterField(
            model_name="clinicdetails",
            name="phone",
            field=phonenumber_field.modelfields.PhoneNumberField(
                default="+14136932852",
                error_messages={
                    "invalid": "Enter a US phone number with area code, e.g. 413-693-2852."
                },
                help_text="The number patients call, e.g. 413-693-2852. Pages turn it into a tap-to-call link.",
                max_length=128,
                region="US",
            ),
        ),
    ]
