"""A sign-in between its steps: the password was right, the code is still to come.

Nobody is signed in until the code is right too. Until then the session holds
only whose password was right, when, where to go afterwards and, on a first
sign-in, the key of the authenticator app being connected; after
PASSWORD_GOOD_FOR the password must be given again.
"""

import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model, login
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from staff import unsaved_work
from staff.session_limits import session_started

PENDING = "staff_sign_in"
PASSWORD_GOOD_FOR = 5 * 60


@dataclass
class PendingSignIn:
    user: object
    backend: str
    next_url: str
    set_up_key: str


def safe_next_url(request, url: str) -> str:
    """The address to go to after signing in: this site's own, or the staff home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def password_accepted(request, user, next_url: str) -> None:
    """Remember, for a few minutes, that this user gave the right password in this session."""
    request.session.cycle_key()  # a new session id from here on: none chosen by someone else
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": int(time.time()),
        "password_hash": user.get_session_auth_hash(),
        "next": safe_next_url(request, next_url),
        "set_up_key": "",
    }


def pending_sign_in(request) -> PendingSignIn | None:
    """The sign-in waiting for its code; None if there is none, or it is too old or stale."""
    data = request.session.get(PENDING)
    if not data or time.time() - data["at"] > PASSWORD_GOOD_FOR:
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True, is_staff=True).first()
    if user is None or user.get_session_auth_hash() != data["password_hash"]:
        return None  # the account was closed, or its password changed, meanwhile
    return PendingSignIn(user, data["backend"], data["next"], data["set_up_key"])


def remember_set_up_key(request, key: str) -> None:
    request.session[PENDING] = {**request.session[PENDING], "set_up_key": key}


def sign_in_complete(request, pending: PendingSignIn, device) -> str:
    """Sign the user in, verified by `device`; returns where to go next."""
    pending.user.otp_device = device  # django-otp marks the session as verified on login
    login(request, pending.user, backend=pending.backend)
    del request.session[PENDING]
    session_started(request)
    unsaved_work.after_sign_in(request, pending.user)
    return pending.next_url


def sign_in_abandon(request) -> None:
    request.session.pop(PENDING, None)
