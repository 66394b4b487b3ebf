"""Pausing sign-in after repeated failures (django-axes), and the page that says until when.

A user name is paused after SIGN_IN_FAILURE_LIMITS["username"] failures, and a
client address after SIGN_IN_FAILURE_LIMITS["ip_address"], within
AXES_COOLOFF_TIME; the pause lasts until those failures are AXES_COOLOFF_TIME
old. A wrong password and a wrong code both count. A superuser lifts a pause by
deleting the user name's (or address's) rows under "Access attempts" in the admin.
"""

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils import timezone


class StaffLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit of its own for each lockout parameter.

    Axes compares one failure count (the largest of the parameters') with one
    limit, AXES_FAILURE_LIMIT. The clinic wants 5 for a user name and 20 for an
    address, so this handler counts failures as the share of each parameter's own
    limit that has been used, the largest of them; with AXES_FAILURE_LIMIT = 1,
    "locked" means some parameter reached its limit.
    """

    def get_failures(self, request, credentials=None) -> float:
        return max(
            (count / limit for count, limit, _ in self._counts(request, credentials)),
            default=0,
        )

    def locked_until(self, request, credentials=None) -> datetime | None:
        """When the pause ends: when enough failures of every paused parameter grow old."""
        cool_off = get_cool_off(request)
        ends = []
        for count, limit, attempts in self._counts(request, credentials):
            if count < limit:
                continue
            # Newest first: once the attempt that brought the count to the limit is
            # old, fewer than `limit` failures are left in the window.
            total = 0
            for attempt in attempts.order_by("-attempt_time"):
                total += attempt.failures_since_start
                if total >= limit:
                    ends.append(attempt.attempt_time + cool_off)
                    break
        return max(ends, default=None)

    def _counts(self, request, credentials):
        """(failures in the window, limit, the attempts) for each lockout parameter."""
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = sum(attempts.values_list("failures_since_start", flat=True))
            yield count, settings.SIGN_IN_FAILURE_LIMITS[parameter], attempts


def sign_in_paused(request, username: str) -> bool:
    """True while this user name, or this client's address, may not sign in."""
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def report_failed_sign_in(request, username: str) -> None:
    """Count a wrong code as a failed sign-in, as a wrong password is (axes listens)."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def paused_page(request, original_response=None, credentials=None):
    """The page for a paused sign-in (AXES_LOCKOUT_CALLABLE): until when, and whom to call."""
    AxesProxyHandler.update_request(request)
    until = StaffLockoutHandler().locked_until(request, credentials)
    context = {
        **admin.site.each_context(request),
        "title": "Signing in is paused",
        "until": until,
        "it_contact": settings.IT_CONTACT,
    }
    response = render(request, "staff/sign_in_paused.html", context, status=429)
    if until is not None:
        seconds = max(int((until - timezone.now()).total_seconds()), 1)
        response["Retry-After"] = str(seconds)
    return response


def whole_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: 1, one whole limit used up (see StaffLockoutHandler.get_failures).

    A callable rather than the number, so axes' admin does not show its own
    "attempts remaining" column, which would compare each row with 1.
    """
    return 1
