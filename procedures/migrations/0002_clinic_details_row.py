"""Create the single row of clinic details, with the values the clinic gave us."""

from django.db import migrations


def create_clinic_details(apps, schema_editor):
    ClinicDetails = apps.get_model("procedures", "ClinicDetails")
    # Field defaults hold New England Endovascular Center's name, phone and service area.
    ClinicDetails.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]

    operations = [migrations.RunPython(create_clinic_details, migrations.RunPython.noop)]
