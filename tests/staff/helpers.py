"""Signing in for real: the password, then a code computed as an authenticator app would."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from tests.factories import authenticator_for

PASSWORD = "correct horse battery staple"  # tests.factories.make_staff_user's
SIGN_IN = reverse("admin:login")
CODE = reverse("admin:sign_in_code")
SET_UP = reverse("admin:sign_in_set_up")
QR_CODE = reverse("admin:sign_in_set_up_qr_code")
BACKUP_CODES = reverse("admin:backup_codes")
STAFF_HOME = reverse("admin:index")
REQUESTS = reverse("admin:appointments_callbackrequest_changelist")


def code_for_key(key: str, *, steps_ahead: int = 0) -> str:
    """The 6 digits an authenticator app set up with this hex key shows (steps_ahead x 30 s on)."""
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def fresh_code(device) -> str:
    """A code the device accepts now: one not used before (each code works once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key)
    # This window's code first: the previous window's, sent just as a new window starts,
    # is two windows old when the server checks it, and refused.
    for steps_ahead in (0, 1):
        totp.time = time.time() + 30 * steps_ahead
        if totp.t() > device.last_t:
            return f"{totp.token():06d}"
    raise AssertionError("This device's codes for the next 30 seconds are all used.")


def give_password(client, username: str, password: str = PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def sign_in_fully(client, user, device=None):
    """Both steps through the real pages; returns the answer to the code."""
    device = device or authenticator_for(user)
    response = give_password(client, user.username)
    assert response.status_code == 302 and response["Location"] == CODE, response
    return client.post(CODE, {"code": fresh_code(device)})


def another_client(address: str = "127.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address)
