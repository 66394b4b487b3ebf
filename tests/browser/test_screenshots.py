"""Screenshots of the key pages at phone and desktop width.

Every test run takes them (proving each page renders at both widths);
`make screenshots` keeps them in docs/screenshots/ for the README.
"""

import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import pages
from tests.browser.conftest import DEVICES
from tests.conftest import real_commits
from tests.factories import make_staff_user
from tests.staff.conftest import PASSWORD

SHOTS = {
    "home": pages.home,
    "explainer": pages.explainer,
    "explainer-warning-signs": pages.explainer,
    "callback-form": pages.callback_form,
    "callback-form-errors": pages.callback_form_with_errors,
    "callback-received": pages.callback_received,
}


# Room above what a screenshot scrolls to, so its border and focus ring are not cut off.
SCROLL_MARGIN = 16


def scroll_to(page, selector: str) -> None:
    page.eval_on_selector(
        selector,
        "(el, margin) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - margin)",
        SCROLL_MARGIN,
    )


@real_commits
@pytest.mark.parametrize("width", list(DEVICES))
def test_screenshots_of_key_pages(browser, site, width, tmp_path):
    """Each key page renders and is captured at this width."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**DEVICES[width])
    viewport = DEVICES[width]["viewport"]
    page = context.new_page()
    for name, visit in SHOTS.items():
        visit(page, site)
        if name == "explainer-warning-signs":
            scroll_to(page, "#when-to-call-us")
        if name == "callback-form-errors" and width == "phone":
            scroll_to(page, ".error-summary")
            # The whole box shows, with its focus ring (6 px outside its border).
            box = page.eval_on_selector(".error-summary", "el => el.getBoundingClientRect().top")
            assert box >= 6, f"the error summary's top is cut off ({box} px from the top)"
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=path)
        with Image.open(path) as image:
            assert image.size == (viewport["width"], viewport["height"])
            shades = image.convert("L").getcolors(maxcolors=256 * 256) or []
            assert len(shades) > 10, f"{path} looks blank"
    context.close()


@real_commits
@pytest.mark.parametrize("width", list(DEVICES))
def test_screenshots_of_the_staff_sign_in(browser, site, width, tmp_path):
    """The password step and, on a first sign-in, the page with the QR code."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    make_staff_user(f"newcomer-{width}", groups=["Front desk"])
    context = browser.new_context(**DEVICES[width])
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.screenshot(path=folder / f"staff-sign-in-{width}.png")
    page.fill("#id_username", f"newcomer-{width}")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/login/set-up/")
    page.wait_for_load_state("load")
    page.screenshot(path=folder / f"staff-set-up-{width}.png", full_page=True)
    context.close()


@real_commits
@pytest.mark.parametrize("width", list(DEVICES))
def test_screenshot_of_the_front_desk_home(browser, site, width, tmp_path):
    """The staff home as the front desk sees it: overdue, new, due later today, assigned to me."""
    from tests.browser.test_front_desk_home import seed_queue, sign_in_at_the_front_desk

    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**DEVICES[width])
    page = context.new_page()
    seed_queue(sign_in_at_the_front_desk(page, site))
    page.reload()
    page.screenshot(path=folder / f"front-desk-home-{width}.png")
    context.close()
