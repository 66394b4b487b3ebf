"""The callback form's one-time token: it proves the form was loaded here, when, and once.

Each time the form is shown it carries a new signed token holding a random
nonce, the time it was issued, and the key of the browser it was shown to (a
random value kept in that browser's session). On submit the server checks the
signature, that the token belongs to this browser's session, that at least
CALLBACK_MIN_FILL_SECONDS have passed (people take longer than that; scripts
do not), and that the form is not older than a day. The nonce is stored with
the request, so a reload, the back button or a double click finds the request
already made instead of making another; and since only the browser that was
shown the form can send its token, only that browser is ever shown the
request's reference.
"""

import secrets
import time
from dataclasses import dataclass

from django.core import signing

SALT = "appointments.callback-form-token"
MAX_AGE_SECONDS = 24 * 3600
# The session key holding this browser's key, to which its forms' tokens are bound.
SESSION_BROWSER_KEY = "callback_browser"


class TokenProblem(Exception):
    """The token is missing, altered, expired, or was shown to another browser."""


@dataclass(frozen=True)
class FormToken:
    nonce: str
    issued_at: float

    def age(self, now: float | None = None) -> float:
        return (now if now is not None else time.time()) - self.issued_at


def browser_key(session) -> str:
    """This browser's key, made and kept in its session the first time the form is shown."""
    key = session.get(SESSION_BROWSER_KEY)
    if not key:
        key = session[SESSION_BROWSER_KEY] = secrets.token_urlsafe(16)
    return key


def issue(*, browser: str, now: float | None = None) -> str:
    """A new token for a form shown to the browser whose key is `browser`."""
    issued_at = now if now is not None else time.time()
    return signing.dumps({"n": secrets.token_urlsafe(24), "t": issued_at, "b": browser}, salt=SALT)


def read(token: str, *, browser: str | None) -> FormToken:
    """The token's nonce and time; TokenProblem if it is altered, older than a day, or
    was issued to another browser than `browser` (None: this browser has no key yet).

    Its age is checked once, from the time signed inside it (the same time the
    minimum fill time is measured from).
    """
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise TokenProblem from error
    if not isinstance(data, dict) or not browser or data.get("b") != browser:
        raise TokenProblem
    try:
        form_token = FormToken(nonce=str(data["n"]), issued_at=float(data["t"]))
    except (KeyError, TypeError, ValueError) as error:
        raise TokenProblem from error
    if form_token.age() > MAX_AGE_SECONDS:
        raise TokenProblem
    return form_token
