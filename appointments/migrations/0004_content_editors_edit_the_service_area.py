"""Content editors keep the service area (the counties the clinic serves) up to date.

Before this, no group could edit it, so only superusers could.
"""

from django.db import migrations

from config.roles import grant_permissions, revoke_permissions

CONTENT_EDITORS = "Content editors"
PERMISSIONS = [
    ("appointments", f"{action}_serviceareacounty")
    for action in ("view", "add", "change", "delete")
]


def grant(apps, schema_editor):
    grant_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0003_front_desk_group"),
        ("procedures", "0003_content_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
