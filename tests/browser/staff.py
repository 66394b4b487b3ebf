"""The staff site in a real browser: a front-desk phone and desktop, and signing in for real.

For tests of the admin screens (the `staff_page` fixture, tests/browser/conftest.py, runs a
test at 390 x 844, a phone, and at 1280 x 800): `sign_in_as_front_desk` types the password and the
authenticator app's code as a person would, as a Front desk member who is not a
superuser.
"""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import WCAG_AA
from tests.factories import authenticator_for, make_staff_user
from tests.staff.helpers import PASSWORD, fresh_code


def sign_in_as_front_desk(page, site, username: str = "frontdesk", *, then: str = "/admin/"):
    """Sign in with the password and a fresh code as a new Front desk member; open `then`."""
    user = make_staff_user(username, groups=["Front desk"])
    device = authenticator_for(user)
    sign_in_with_code(page, site, username, device)
    page.goto(site + then)
    return user


def sign_in_with_code(page, site, username: str, device) -> None:
    """The two steps of signing in, as typed: password, then the app's 6-digit code."""
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page).to_have_url(site + "/admin/login/code/")
    page.fill("#id_code", fresh_code(device))
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def assert_accessible(page) -> None:
    """axe finds nothing against WCAG 2.2 A and AA on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def fits_the_width(page) -> bool:
    """Nothing scrolls sideways: the page is no wider than the window."""
    return page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")
