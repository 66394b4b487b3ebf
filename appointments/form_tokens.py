"""The callback form's one-time token: it proves the form was loaded here, when, and once.

Each time the form is shown it carries a new signed token holding a random
nonce and the time it was issued. On submit the server checks the signature,
that at least CALLBACK_MIN_FILL_SECONDS have passed (people take longer than
that; scripts do not), and that the form is not older than a day. The nonce
is stored with the request, so a reload, the back button or a double click
finds the request already made instead of making another.
"""

import secrets
import time
from dataclasses import dataclass

from django.core import signing

SALT = "appointments.callback-form-token"
MAX_AGE_SECONDS = 24 * 3600


class TokenProblem(Exception):
    """The token is missing, altered or expired."""


@dataclass(frozen=True)
class FormToken:
    nonce: str
    issued_at: float

    def age(self, now: float | None = None) -> float:
        return (now if now is not None else time.time()) - self.issued_at


def issue(*, now: float | None = None) -> str:
    issued_at = now if now is not None else time.time()
    return signing.dumps({"n": secrets.token_urlsafe(24), "t": issued_at}, salt=SALT)


def read(token: str) -> FormToken:
    """The token's nonce and time; TokenProblem if it is altered or older than a day.

    Its age is checked once, from the time signed inside it (the same time the
    minimum fill time is measured from).
    """
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise TokenProblem from error
    form_token = FormToken(nonce=data["n"], issued_at=float(data["t"]))
    if form_token.age() > MAX_AGE_SECONDS:
        raise TokenProblem
    return form_token
