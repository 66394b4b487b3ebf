"""Create staff groups with exactly the permissions they need. Used by data migrations."""


def create_group_with_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Give the group `name` exactly these (app_label, codename) permissions."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.set(_permissions(apps, permissions))


def grant_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Add these (app_label, codename) permissions to the existing group `name`."""
    group = apps.get_model("auth", "Group").objects.get(name=name)
    group.permissions.add(*_permissions(apps, permissions))


def revoke_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Take these (app_label, codename) permissions from the group `name`, if it exists."""
    group = apps.get_model("auth", "Group").objects.filter(name=name).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, permissions))


def _permissions(apps, permissions: list[tuple[str, str]]) -> list:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in permissions
    ]
