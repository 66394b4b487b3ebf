"""Create staff groups with exactly the permissions they need. Used by data migrations."""


def create_group_with_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Give the group `name` exactly these (app_label, codename) permissions."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    wanted = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in permissions
    ]
    group.permissions.set(wanted)
