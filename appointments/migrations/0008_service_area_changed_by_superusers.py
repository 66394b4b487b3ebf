"""Content editors see the service area but no longer change it (0004 let them).

The service area decides whose callback requests the form accepts. Its add,
change and delete permissions go to no group: superusers change it, or give
those permissions to one named person. Editors keep view, as they write the
clinic's service-area sentence.
"""

from django.db import migrations

from config.roles import grant_permissions, revoke_permissions

CONTENT_EDITORS = "Content editors"
PERMISSIONS = [
    ("appointments", f"{action}_serviceareacounty") for action in ("add", "change", "delete")
]


def revoke(apps, schema_editor):
    revoke_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


def grant(apps, schema_editor):
    grant_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0007_patient_record_access")]

    operations = [migrations.RunPython(revoke, grant)]
