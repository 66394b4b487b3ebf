"""`manage.py add_totp_device USERNAME` connects an authenticator and prints its otpauth:// URI."""

import base64
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_staff_user
from tests.staff.helpers import CODE, STAFF_HOME, code_for_key, give_password

pytestmark = pytest.mark.django_db


def add_device(username: str) -> str:
    out = io.StringIO()
    call_command("add_totp_device", username, stdout=out)
    return out.getvalue().strip()


def test_the_printed_uri_holds_the_new_devices_key(db):
    """The URI names the clinic and the user, and carries the saved device's secret."""
    make_staff_user("firstadmin", superuser=True)
    uri = urlsplit(add_device("firstadmin"))
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert uri.path == "/New%20England%20Endovascular%20Center%3Afirstadmin"
    query = parse_qs(uri.query)
    device = TOTPDevice.objects.get(user__username="firstadmin", confirmed=True)
    assert base64.b32decode(query["secret"][0]).hex() == device.key
    assert query["issuer"] == ["New England Endovascular Center"]


def test_the_first_superuser_signs_in_with_a_code_from_the_printed_uri(db):
    """Scripted first sign-in: createsuperuser, add_totp_device, then password and code."""
    make_staff_user("firstadmin", superuser=True)
    secret = parse_qs(urlsplit(add_device("firstadmin")).query)["secret"][0]
    client = Client()
    give_password(client, "firstadmin")
    response = client.post(CODE, {"code": code_for_key(base64.b32decode(secret).hex())})
    assert response["Location"] == STAFF_HOME
    assert client.get(STAFF_HOME).status_code == 200


def test_an_unknown_user_name_is_refused_in_plain_words(db):
    with pytest.raises(CommandError, match="There is no user called 'nobody'"):
        add_device("nobody")
