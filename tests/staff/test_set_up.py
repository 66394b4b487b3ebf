"""A first sign-in connects an authenticator app through a QR code drawn by this site."""

import base64

import pytest
from bs4 import BeautifulSoup
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import second_factor
from staff.second_factor import BACKUP_CODE_COUNT, backup_codes_left
from tests.staff.helpers import (
    BACKUP_CODES,
    QR_CODE,
    SET_UP,
    STAFF_HOME,
    code_for_key,
    give_password,
)

pytestmark = pytest.mark.django_db


def set_up_page(client):
    give_password(client, "newcomer")
    response = client.get(SET_UP)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def key_shown(page) -> str:
    """The key as the page shows it for typing, back in django-otp's hex form."""
    typed = page.find(id="set-up-key").get_text().replace(" ", "")
    return base64.b32decode(typed).hex()


def test_the_set_up_page_shows_a_qr_code_from_this_site_and_the_key(client, new_staff_user):
    """The QR code is an image this site serves (no outside service); the key is there to type."""
    _, page = set_up_page(client)
    image = page.select_one("img.staff-sign-in__qr-code")
    assert image["src"] == QR_CODE
    assert "QR code" in image["alt"]
    qr = client.get(QR_CODE)
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert "no-store" in qr["Cache-Control"]
    assert qr.content.startswith(b"<svg")
    key = key_shown(page)
    uri = second_factor.setup_uri(new_staff_user, key)
    assert qr.content == second_factor.qr_code_svg(uri)  # the QR code holds exactly this address
    assert uri.startswith("otpauth://totp/New%20England%20Endovascular%20Center%3Anewcomer?")


def test_the_key_stays_the_same_while_the_user_sets_up(client, new_staff_user):
    """Reloading the page (or a wrong code) keeps the same key, so a scanned code still works."""
    _, first = set_up_page(client)
    second = BeautifulSoup(client.get(SET_UP).content, "html.parser")
    assert key_shown(first) == key_shown(second)


def test_the_app_is_connected_by_its_first_code_and_backup_codes_are_shown(client, new_staff_user):
    """The right code saves the app, signs the user in and shows ten backup codes once."""
    _, page = set_up_page(client)
    key = key_shown(page)
    response = client.post(SET_UP, {"code": code_for_key(key)})
    assert response.status_code == 302
    assert response["Location"].startswith(BACKUP_CODES + "?first=1")
    device = TOTPDevice.objects.get(user=new_staff_user)
    assert (device.key, device.confirmed) == (key, True)
    codes = backup_codes_left(new_staff_user)
    assert len(codes) == BACKUP_CODE_COUNT
    shown = client.get(response["Location"]).content.decode()
    assert all(code in shown for code in codes)
    assert "Write them down or print this page now" in shown
    assert f'href="{STAFF_HOME}"' in shown
    assert client.get(STAFF_HOME).status_code == 200


def test_a_wrong_first_code_connects_nothing(client, new_staff_user):
    """A code that does not match the key saves no device and says what to check."""
    _, page = set_up_page(client)
    key = key_shown(page)
    wrong = "000000" if code_for_key(key) != "000000" else "111111"
    response = client.post(SET_UP, {"code": wrong})
    assert response.status_code == 200
    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=new_staff_user).exists()
    assert client.get(STAFF_HOME).status_code == 302


def test_the_qr_code_is_only_for_the_session_setting_up(client, new_staff_user):
    """Without a set-up under way in this session, there is no QR code to fetch."""
    assert client.get(QR_CODE).status_code == 404


def test_a_user_with_an_app_cannot_connect_another_on_the_sign_in_pages(client, front_desk_user):
    """Someone with only the password cannot add their own app to an account that has one."""
    give_password(client, "frontdesk")
    response = client.get(SET_UP)
    assert response.status_code == 302 and response["Location"].endswith("/login/code/")
    assert client.get(QR_CODE).status_code == 404


def test_the_key_is_never_in_an_address(client, new_staff_user):
    """The secret key travels only in the page and the QR image, never in a URL."""
    _, page = set_up_page(client)
    key = key_shown(page)
    forms = {key, base64.b32encode(bytes.fromhex(key)).decode().lower()}
    addresses = [tag.get("href") or tag.get("src") for tag in page.find_all(["a", "img", "link"])]
    addresses += [form.get("action") or "" for form in page.find_all("form")]
    assert QR_CODE in addresses
    assert not [a for a in addresses for secret in forms if secret in (a or "").lower()]
