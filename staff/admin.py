"""Sign-in records in the admin, for superusers: pauses to lift, failures and sign-ins to read.

django-axes registers its three models with change pages whose every field is
read-only; here they are plainly read-only. A paused user name or address is
lifted by deleting its access attempts; the logs of failures and sign-ins are
evidence, so nobody deletes them by hand.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class PausedSignInsAdmin(AccessAttemptAdmin):
    def has_change_permission(self, request, obj=None):
        return False


class FailedSignInsAdmin(AccessFailureLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SignInsAdmin(AccessLogAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in [
    (AccessAttempt, PausedSignInsAdmin),
    (AccessFailureLog, FailedSignInsAdmin),
    (AccessLog, SignInsAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
