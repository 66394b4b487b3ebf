"""Staff sign in for real in Chromium: password, then a code computed as the phone app would.

A first sign-in connects an app from the QR code page; later ones type the
app's code. Every sign-in page passes axe (WCAG 2.2 A/AA), asks no other
origin for anything, and works with the keyboard alone.
"""

import base64
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from staff.second_factor import backup_codes_left
from tests.browser.test_accessibility import WCAG_AA
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits
from tests.staff.helpers import PASSWORD, code_for_key, fresh_code

FOCUSED = """() => {
  const el = document.activeElement;
  return el.id ? `#${el.id}` : el.tagName.toLowerCase() + (el.className ? `.${el.className}` : "");
}"""


def assert_accessible(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def give_password(page, site, username: str, password: str = PASSWORD) -> None:
    page.goto(site + "/admin/appointments/callbackrequest/")
    expect(page).to_have_url(site + "/admin/login/?next=/admin/appointments/callbackrequest/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


@real_commits
def test_a_first_sign_in_connects_an_app_from_the_qr_code(any_page, site):
    """Password, QR code page (image drawn by this site), the app's first code, backup codes,
    then the page first asked for; nothing asked of another origin; every step accessible."""
    user = make_staff_user("newcomer", groups=["Front desk"])
    page = any_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(site + "/admin/login/")
    assert_accessible(page)
    give_password(page, site, "newcomer")
    expect(page).to_have_url(site + "/admin/login/set-up/")
    qr_code = page.locator("img.staff-sign-in__qr-code")
    expect(qr_code).to_be_visible()
    page.wait_for_load_state("load")  # images are in by the load event
    assert qr_code.evaluate("img => img.naturalWidth") >= 200  # drawn, not a broken image
    assert_accessible(page)

    key = base64.b32decode(page.text_content("#set-up-key").replace(" ", "")).hex()
    page.fill("#id_code", code_for_key(key))
    page.click("input[type=submit]")
    expect(page.locator(".staff-backup-codes__list li")).to_have_count(10)
    shown = page.locator(".staff-backup-codes__list code").all_text_contents()
    assert sorted(shown) == sorted(backup_codes_left(user))
    assert_accessible(page)

    page.click("text=I have kept my codes: continue")
    expect(page).to_have_url(site + "/admin/appointments/callbackrequest/")
    expect(page.locator("#user-tools")).to_contain_text("newcomer")
    own = urlsplit(site).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []


@real_commits
def test_signing_in_with_the_keyboard_alone(desktop_page, site):
    """Type, Tab, type, Enter: the password step; type, Enter: the code step; then in."""
    user = make_staff_user("frontdesk", groups=["Front desk"])
    device = authenticator_for(user)
    page = desktop_page
    page.goto(site + "/admin/login/")
    assert page.evaluate(FOCUSED) == "#id_username"  # the page opens ready to type
    page.keyboard.type("frontdesk")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "#id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/admin/login/code/")
    assert page.evaluate(FOCUSED) == "#id_code"  # ready to type
    assert_accessible(page)
    page.keyboard.type(fresh_code(device))
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/admin/")
    expect(page.locator("#user-tools")).to_contain_text("frontdesk")


@real_commits
def test_a_wrong_password_and_a_paused_sign_in_are_said_plainly(desktop_page, site):
    """A wrong password is said plainly; after 5 failures the page says until when."""
    make_staff_user("frontdesk", groups=["Front desk"])
    page = desktop_page
    give_password(page, site, "frontdesk", "wrong password 1")
    expect(page.locator(".errornote")).to_contain_text("do not match a staff account")
    assert_accessible(page)
    for n in range(2, 5):
        page.fill("#id_password", f"wrong password {n}")
        page.click("input[type=submit]")
    page.fill("#id_password", "wrong password 5")
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text("signing in is paused until")
    assert_accessible(page)
