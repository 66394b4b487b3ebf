"""A limit on how many callback forms one client may send (CALLBACK_RATE_LIMIT, e.g. "5/h").

Only forms that pass every check count, so a patient who mistypes is never
locked out. Counts live in the database, so the limit holds across every
gunicorn worker (and every server, on PostgreSQL); each count is one atomic
UPDATE. Clients are known by a keyed hash of their address, never the address
itself (see config/client_address.py for which address that is).
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import RateLimitWindow
from config.client_address import client_address

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PERIOD_WORDS = {1: _("a second"), 60: _("a minute"), 3600: _("an hour"), 86400: _("a day")}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        try:
            count, period = text.strip().lower().split("/")
            return cls(count=int(count), seconds=PERIODS[period])
        except (ValueError, KeyError):
            raise ImproperlyConfigured(
                f"CALLBACK_RATE_LIMIT must look like 5/h (a number, then /s, /m, /h or /d), "
                f"not {text!r}."
            ) from None

    @property
    def period_in_words(self) -> str:
        """“an hour” for 5/h (“una hora” on the Spanish page): when the patient may try the
        form again."""
        return PERIOD_WORDS[self.seconds]


def callback_rate() -> Rate:
    return Rate.parse(settings.CALLBACK_RATE_LIMIT)


def client_key(request) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def window_start(now: datetime, rate: Rate) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % rate.seconds, tz=now.tzinfo)


def allow_callback_request(request, *, now: datetime | None = None) -> bool:
    """Count one more accepted form from this client; False once it is over the limit."""
    rate = callback_rate()
    start = window_start(now or timezone.now(), rate)
    client = client_key(request)
    windows = RateLimitWindow.objects.filter(client=client, window_start=start)
    with transaction.atomic():
        if not windows.update(hits=F("hits") + 1):
            try:
                with transaction.atomic():
                    RateLimitWindow.objects.create(client=client, window_start=start, hits=1)
            except IntegrityError:  # another worker made the row first
                windows.update(hits=F("hits") + 1)
        hits = windows.values_list("hits", flat=True).get()
    return hits <= rate.count


def forget_old_windows(*, now: datetime | None = None) -> int:
    """Delete counts older than a day; the scheduler has the worker do this daily."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _ = RateLimitWindow.objects.filter(window_start__lt=cutoff).delete()
    return deleted
