"""The "Content editors" group: procedure pages and clinic details, nothing else."""

from django.db import migrations

from config.roles import create_group_with_permissions

CONTENT_EDITORS = "Content editors"
MODELS = ["procedure", "section", "step", "warningsign", "question"]
PERMISSIONS = [
    ("procedures", f"{action}_{model}")
    for model in MODELS
    for action in ("add", "change", "delete", "view")
] + [
    ("procedures", "view_clinicdetails"),
    ("procedures", "change_clinicdetails"),
]


def create_content_editors(apps, schema_editor):
    create_group_with_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


def remove_content_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0002_clinic_details_row"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_content_editors, remove_content_editors)]
