"""Record the port-placement starter page as loaded in databases that already have content.

Before 0004 the loader skipped any database holding a procedure. Such a database
either got the port page already or was filled by editors, so in both cases it is
marked loaded: deleting the port page later must not bring it back. (A database
holding the port page is the common case; one whose port page editors deleted while
keeping other pages is the case the old check handled and this keeps.)
"""

from django.db import migrations

PORT_PLACEMENT = "port-placement"


def mark_port_placement_loaded(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    StarterContentLoad = apps.get_model("procedures", "StarterContentLoad")
    if Procedure.objects.exists():
        StarterContentLoad.objects.get_or_create(name=PORT_PLACEMENT)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0004_starter_content_load")]

    operations = [migrations.RunPython(mark_port_placement_loaded, migrations.RunPython.noop)]
