"""The editable phone field is labelled “Phone number”, apart from the “Phone” link to call."""

import phonenumber_field.modelfields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("appointments", "0005_closed_at")]

    operations = [
        migrations.AlterField(
            model_name="callbackrequest",
            name="phone",
            field=phonenumber_field.modelfields.PhoneNumberField(
                max_length=128, region="US", verbose_name="phone number"
            ),
        ),
    ]
