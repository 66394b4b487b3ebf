"""The second factor: an authenticator app (TOTP, django-otp) and backup codes for a lost phone.

An authenticator app shows a new 6-digit code every 30 seconds, made from a
secret key this site shares with it once, through a QR code. Backup codes are
ten single-use codes of 8 letters and digits. django-otp keeps both
(TOTPDevice, StaticDevice), refuses a code used before, and slows down
guessing (each wrong code doubles the wait before the next is checked).
"""

import base64
import io
import re

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
AUTHENTICATOR_CODE = re.compile(r"\d{6}")
# Codes an authenticator showed up to this many 30-second steps ago (or ahead) still work.
TOLERANCE = 1


def plain_code(typed: str) -> str:
    """The code as typed, without spaces or dashes, in lower case."""
    return re.sub(r"[\s-]", "", typed).lower()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def device_accepting(user, code: str) -> Device | None:
    """The user's authenticator or backup codes that accept this code, which is then used up.

    None when no device accepts it, or when the device is still waiting after
    recent wrong codes (see `wait_seconds`).
    """
    code = plain_code(code)
    with transaction.atomic():
        devices = _devices_for(user, code).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def wait_seconds(user, code: str) -> int:
    """Seconds before django-otp checks another code of this kind; 0 when it would now."""
    waits = [0]
    for device in _devices_for(user, plain_code(code)):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            waits.append(int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
    return max(waits)


def _devices_for(user, code: str):
    """The user's confirmed devices of the kind this code is: 6 digits are an app's, the
    rest a backup code."""
    model = TOTPDevice if AUTHENTICATOR_CODE.fullmatch(code) else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True)


def new_key() -> str:
    """A new secret key for an authenticator app: 20 random bytes, as hex (django-otp's form)."""
    return random_hex(20)


def key_matches(key: str, code: str) -> bool:
    """True when the code is one an authenticator app set up with this key shows around now."""
    code = plain_code(code)
    if not AUTHENTICATOR_CODE.fullmatch(code):
        return False
    return TOTP(bytes.fromhex(key)).verify(int(code), tolerance=TOLERANCE)


def setup_uri(user, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key).config_url


def key_for_typing(key: str) -> str:
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = base64.b32encode(bytes.fromhex(key)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(uri: str) -> bytes:
    """A QR code of the address, as an SVG image this site serves (no outside service)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(
        buffer, kind="svg", scale=6, border=4, dark="#000", light="#fff", xmldecl=False
    )
    return buffer.getvalue()


@transaction.atomic
def authenticator_connect(*, user, key: str, name: str = AUTHENTICATOR_NAME) -> TOTPDevice:
    """Save the user's authenticator app (its code was checked), with backup codes if none."""
    device = TOTPDevice.objects.create(user=user, name=name, key=key, confirmed=True)
    if not backup_codes_left(user):
        backup_codes_replace(user=user)
    return device


@transaction.atomic
def backup_codes_replace(*, user) -> list[str]:
    """A new set of BACKUP_CODE_COUNT backup codes for the user; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> list[str]:
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )
