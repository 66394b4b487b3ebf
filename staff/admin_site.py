"""The staff site at /admin/: every page needs a password and a code from an authenticator app.

The sign-in pages live here too, one hop from their addresses:
  /admin/login/               the password          staff.views.sign_in
  /admin/login/code/          the 6-digit code      staff.views.sign_in_code
  /admin/login/set-up/        first sign-in: connect an authenticator app (QR code)
  /admin/login/set-up/qr.svg  that QR code, drawn by this site
  /admin/backup-codes/        backup codes for a lost phone (signed-in staff)
"""

from functools import wraps

from django.contrib import admin
from django.urls import path, reverse

from appointments.notifications import staff_emails_waiting
from staff import unsaved_work, views
from staff.home_panels import home_panels


class StaffAdminSite(admin.AdminSite):
    site_header = "New England Endovascular Center: staff"
    site_title = "NEEC staff"
    index_title = "Patient pages and callback requests"
    index_template = "staff/index.html"

    def index(self, request, extra_context=None):
        """The home page says what needs doing: each role's panels (staff/home_panels.py), and
        for superusers, staff emails still waiting to be sent."""
        extra_context = {**(extra_context or {}), "home_panels": home_panels(request)}
        if request.user.is_superuser:
            extra_context["staff_emails"] = staff_emails_waiting()
        return super().index(request, extra_context)

    def has_permission(self, request):
        """Active staff who gave both factors in this session (django-otp marks the session)."""
        return super().has_permission(request) and request.user.is_verified()

    def admin_view(self, view, cacheable=False):
        """Every staff page; a form sent after the session ended is kept for after sign-in.

        Kept only for a page that gives it back (unsaved_work.GivesBackUnsavedWork), and only
        once Django's admin has answered "sign in first": by then the form's security token
        was checked, so nothing sent from another site is kept.
        """
        guarded = super().admin_view(view, cacheable)
        if not unsaved_work.gives_back(view):
            return guarded

        @wraps(guarded)
        def keeping_unsaved_work(request, *args, **kwargs):
            response = guarded(request, *args, **kwargs)
            if (
                request.method == "POST"
                and response.status_code == 302
                and response["Location"].startswith(reverse("admin:login", current_app=self.name))
                and not self.has_permission(request)
            ):
                unsaved_work.keep(request)
            return response

        return keeping_unsaved_work

    def login(self, request, extra_context=None):
        return views.sign_in(request, site=self)

    def get_urls(self):
        sign_in_steps = [
            path("login/code/", views.sign_in_code, {"site": self}, name="sign_in_code"),
            path("login/set-up/", views.sign_in_set_up, {"site": self}, name="sign_in_set_up"),
            path(
                "login/set-up/qr.svg",
                views.sign_in_set_up_qr_code,
                name="sign_in_set_up_qr_code",
            ),
            path(
                "backup-codes/",
                self.admin_view(views.backup_codes),
                {"site": self},
                name="backup_codes",
            ),
        ]
        return sign_in_steps + super().get_urls()
