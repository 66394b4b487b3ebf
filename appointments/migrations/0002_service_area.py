"""Seed the service area: Western Massachusetts and Northern Connecticut, county by county."""

from django.db import migrations

SERVICE_AREA = [
    ("MA", "Berkshire"),
    ("MA", "Franklin"),
    ("MA", "Hampshire"),
    ("MA", "Hampden"),
    ("CT", "Hartford"),
    ("CT", "Tolland"),
    ("CT", "Windham"),
    ("CT", "Litchfield"),
]


def add_counties(apps, schema_editor):
    ServiceAreaCounty = apps.get_model("appointments", "ServiceAreaCounty")
    for state, county in SERVICE_AREA:
        ServiceAreaCounty.objects.get_or_create(state=state, county=county)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(add_counties, migrations.RunPython.noop)]
