"""The "Front desk" group: callback requests and their call logs, nothing else."""

from django.db import migrations

from config.roles import create_group_with_permissions

FRONT_DESK = "Front desk"
PERMISSIONS = [
    ("appointments", "view_callbackrequest"),
    ("appointments", "change_callbackrequest"),
    ("appointments", "export_callbackrequest"),
    ("appointments", "view_callattempt"),
    ("appointments", "add_callattempt"),
    ("appointments", "view_notification"),
]


def create_front_desk(apps, schema_editor):
    create_group_with_permissions(apps, FRONT_DESK, PERMISSIONS)


def remove_front_desk(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FRONT_DESK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_service_area"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_front_desk, remove_front_desk)]
