from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    """Staff sign-in: two factors, lockout, session limits (see README, "Staff sign-in")."""

    name = "staff"
    verbose_name = "Staff sign-in"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the site that asks every staff user for a second factor.

    Named in INSTALLED_APPS instead of "django.contrib.admin".
    """

    default = False  # StaffConfig is this module's app; this one replaces the admin's
    default_site = "staff.admin_site.StaffAdminSite"
