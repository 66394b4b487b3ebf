"""Staff sessions end after STAFF_IDLE_MINUTES without a request, and STAFF_SESSION_HOURS in all.

A front-desk computer is walked past by others: a session left open must not
stay open. The times live in the session (on the server); the middleware
signs the user out on their next request once either limit has passed, and
says why on the sign-in page. Signing out deletes the session on the server.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from staff.unsaved_work import SIGNED_OUT_USER

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN = "staff_last_seen"
# The last-seen time is written at most this often, so a busy page is not a write per request.
LAST_SEEN_RESOLUTION = 60


def session_started(request) -> None:
    """Start both clocks; called when a staff user has given both factors."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class StaffSessionLimitsMiddleware:
    """After AuthenticationMiddleware: sign out a session past either limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; not reading the session keeps
        # patients' pages free of "Vary: Cookie", so they can be cached (config/page_cache.py).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request) -> None:
        now = int(time.time())
        session = request.session
        if SIGNED_IN_AT not in session:
            session_started(request)  # a session made some other way: its clocks start now
            return
        idle = now - session.get(LAST_SEEN, now)
        if idle > settings.STAFF_IDLE_MINUTES * 60:
            why = (
                f"You were signed out after {settings.STAFF_IDLE_MINUTES} minutes without "
                "activity, to keep patients' details safe. Please sign in again."
            )
        elif now - session[SIGNED_IN_AT] > settings.STAFF_SESSION_HOURS * 3600:
            why = (
                f"You were signed out because you signed in more than "
                f"{settings.STAFF_SESSION_HOURS} hours ago. Please sign in again."
            )
        else:
            if idle >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
            return
        # Whom this was, so what they were saving is given back only to them (unsaved_work.py).
        setattr(request, SIGNED_OUT_USER, request.user.get_username())
        logout(request)
        messages.info(request, why)
