"""How the front desk is doing, in Chromium: a Front desk member (not a superuser) signs in with
the second factor, opens the figures from the requests' list, reads them at 1280 x 800 and
on a 390 x 844 phone with no sideways scrolling, axe finds nothing, and the CSV downloads."""

import csv
import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import CallAttempt
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import leaked_details
from tests.browser.helpers import STAFF_DEVICES
from tests.browser.staff import sign_in_with_code
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_layout import check_fits
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits

REQUESTS = "/admin/appointments/callbackrequest/"
FIGURES = REQUESTS + "figures/"


def sign_in_with_the_second_factor(page, site, user) -> None:
    """The real two steps: password, then the authenticator app's code; then the list."""
    sign_in_with_code(page, site, user.username, authenticator_for(user))
    page.goto(site + REQUESTS)


@real_commits
@pytest.mark.parametrize("size", list(STAFF_DEVICES))
def test_the_front_desk_reads_its_figures_and_downloads_them(browser, site, size):
    """From the list's link: three tables with today's request called at once, no sideways
    scrolling, no text cut off, nothing for axe, no patient; the CSV link downloads the file."""
    now = timezone.now()
    request = make_callback_request(received_at=now)
    CallAttempt.objects.create(callback_request=request, made_at=now, outcome="reached")
    user = make_staff_user("frontdesk", groups=["Front desk"])
    assert not user.is_superuser
    context = browser.new_context(**STAFF_DEVICES[size], accept_downloads=True)
    page = context.new_page()
    try:
        sign_in_with_the_second_factor(page, site, user)
        page.click("text=How the front desk is doing")
        expect(page).to_have_url(site + FIGURES)
        expect(page.locator("h1")).to_have_text("How the front desk is doing")
        tables = page.locator("table.front-desk-figures__table")
        expect(tables).to_have_count(3)
        for key in ("today", "this_week", "last_30_days"):
            total = page.locator(f"#figures-{key} tr.front-desk-figures__total")
            expect(total).to_contain_text("All counties")
            expect(total.locator("td")).to_have_text(["1", "100% (1 of 1)", "under a minute"])
        check_fits(page, size, targets=False)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, results.generate_report()
        assert leaked_details(page.content()) == []
        assert request.reference not in page.content()

        with page.expect_download() as download_info:
            page.click("text=Download these figures as CSV")
        download = download_info.value
        assert download.suggested_filename.startswith("front-desk-figures-")
        assert download.suggested_filename.endswith(".csv")
        lines = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
        assert lines[0][:6] == ["Period", "From", "To", "State", "County", "Requests received"]
        totals = [line for line in lines[1:] if line[4] == "All counties"]
        assert [(line[0], line[5]) for line in totals] == [
            ("Today", "1"),
            ("This week", "1"),
            ("Last 30 days", "1"),
        ]
    finally:
        context.close()
