from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    """Callback requests, the service area and who saw which patient: the front desk's work.

    Named for what it groups, so the admin's heading is not a second "Callback requests".
    """

    name = "appointments"
    verbose_name = "Front desk"
