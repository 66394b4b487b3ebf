"""Screenshots of the key pages at phone and desktop width, in English and in Spanish.

Every test run takes them (proving each page renders at both widths);
`make screenshots` keeps them in docs/screenshots/ for the README.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from appointments.models import CallAttempt, CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.browser import pages
from tests.browser.helpers import DEVICES, STAFF_DEVICES
from tests.browser.staff import sign_in_as_front_desk
from tests.factories import make_staff_user
from tests.helpers import real_commits
from tests.staff.helpers import PASSWORD

SHOTS = {
    "home": pages.home,
    "explainer": pages.explainer,
    "explainer-warning-signs": pages.explainer,
    "callback-form": pages.callback_form,
    "callback-form-errors": pages.callback_form_with_errors,
    "callback-received": pages.callback_received,
    "explainer-es": pages.SPANISH["explainer (es)"],
    "language-help-es": pages.SPANISH["language help (es)"],
    "callback-form-es": pages.SPANISH["callback form (es)"],
    "callback-form-errors-es": pages.SPANISH["callback form with errors (es)"],
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


def a_mornings_queue() -> int:
    """Made-up requests as a Monday morning might find them: two overdue among new ones,
    some being worked, in towns across the service area. The id of one to open."""
    now = timezone.now()
    people = [
        # name, town, ZIP, state, county, hours until due (negative: overdue), status, calls
        ("Rosa Delgado", "Holyoke", "01040", "MA", "Hampden", -50, "trying", 2),
        ("Walter Nowak", "Chicopee", "01013", "MA", "Hampden", -4, "new", 0),
        ("Grace Liu", "Enfield", "06082", "CT", "Hartford", 2, "trying", 1),
        ("Samuel Ortiz", "Springfield", "01103", "MA", "Hampden", 5, "new", 0),
        ("Ann Marie Doyle", "Northampton", "01060", "MA", "Hampshire", 21, "new", 0),
        ("Luis Rivera", "Westfield", "01085", "MA", "Hampden", 26, "new", 0),
        ("Helen Kowalski", "Greenfield", "01301", "MA", "Franklin", -30, "reached", 1),
    ]
    # Some ask for a call in Spanish or another language, one with an interpreter.
    languages = {
        "Rosa Delgado": ("es", "", "no", "es"),
        "Samuel Ortiz": ("es", "", "not_sure", "es"),
        "Grace Liu": ("other", "Cantonese", "yes", "en"),
    }
    made = []
    for name, town, zip_code, state, county, hours, status, calls in people:
        call_language, other, interpreter, page_language = languages.get(
            name, ("en", "", "no", "en")
        )
        request = make_callback_request(
            call_language=call_language,
            call_language_other=other,
            needs_interpreter=interpreter,
            page_language=page_language,
            received_at=now - timedelta(days=1, hours=2) + timedelta(hours=hours),
            full_name=name,
            town=town,
            zip_code=zip_code,
            state=state,
            county=county,
            status=status,
            phone=f"+1413555{len(made):04d}",
        )
        CallbackRequest.objects.filter(pk=request.pk).update(
            contact_due_at=now + timedelta(hours=hours)
        )
        for n in range(calls):
            CallAttempt.objects.create(
                callback_request=request, outcome="voicemail", made_at=now - timedelta(hours=n + 1)
            )
        made.append(request)
    return made[0].pk


FRONT_DESK_SHOTS = {
    "front-desk-home": "/admin/",
    "front-desk-list": "/admin/appointments/callbackrequest/",
    "front-desk-request": "/admin/appointments/callbackrequest/{pk}/change/",
    "front-desk-figures": "/admin/appointments/callbackrequest/figures/",
}


@real_commits
@pytest.mark.parametrize("width", list(STAFF_DEVICES))
def test_screenshots_of_the_front_desk(browser, site, width, tmp_path):
    """The front desk's home, queue, a request and the figures, at 390 and 1280 px."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    pk = a_mornings_queue()
    context = browser.new_context(**STAFF_DEVICES[width])
    page = context.new_page()
    sign_in_as_front_desk(page, site, f"frontdesk-{width}")
    for name, address in FRONT_DESK_SHOTS.items():
        page.goto(site + address.format(pk=pk))
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    context.close()
