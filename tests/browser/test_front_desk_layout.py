"""The front desk's queue and a request's page fit a phone and a desktop screen.

At 390 px (a phone, touch) each request is a card, the filters wait behind one
button at the top, and a request's page and call log fit the width with targets
a thumb can hit; at 1280 px the list's columns fit with no sideways scrolling.
An overdue request's row is marked by more than colour. Signed in for real, as a
front-desk member who is not a superuser, with the second factor.
"""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import CallAttempt, CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.browser.helpers import STAFF_DEVICES
from tests.browser.staff import sign_in_with_code
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_layout import CLIPPED_TEXT, SMALL_TARGETS
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits

WIDTHS = STAFF_DEVICES  # a 390 x 844 phone (touch) and a 1280 x 800 desktop
QUEUE = "/admin/appointments/callbackrequest/"

# How far the page reaches past the window's right edge, and the first elements that do.
SIDEWAYS = """() => ({
  page: document.scrollingElement.scrollWidth,
  view: window.innerWidth,
  wide: [...document.querySelectorAll("body *")]
    .filter(el => el.getClientRects().length)
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
    .slice(0, 5),
})"""

# WCAG's contrast ratio of an element's text against the first background behind it.
CONTRAST = """el => {
  // "rgb(r, g, b)", "rgba(r, g, b, a)" or, from color-mix(), "color(srgb r g b / a)" (0 to 1).
  const rgb = value => {
    const [r, g, b, a] = value.match(/[\\d.]+/g).map(Number);
    const scale = value.startsWith("color(srgb") ? 255 : 1;
    return [r * scale, g * scale, b * scale, a];
  };
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(c => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  let back = el;
  while (back && (rgb(getComputedStyle(back).backgroundColor)[3] ?? 1) === 0) {
    back = back.parentElement;
  }
  const [a, b] = [luminance(rgb(getComputedStyle(el).color)),
                  luminance(rgb(getComputedStyle(back).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def seed_queue():
    """Two overdue requests among three that are not due yet."""
    now = timezone.now()
    overdue = [
        make_callback_request(received_at=now - timedelta(days=6), full_name="Ana Overdue"),
        make_callback_request(received_at=now - timedelta(days=4), full_name="Bo Overdue"),
    ]
    on_time = [
        make_callback_request(full_name=f"Cy Waiting {n}", town="West Springfield")
        for n in range(3)
    ]
    return overdue, on_time


def seed_a_long_one():
    """A request that widens every column it can: a long name and town, two calls, and
    assigned to someone whose user name has no space to wrap at."""
    colleague = make_staff_user("margaret.o-sullivan", groups=["Front desk"])
    request = make_callback_request(
        full_name="Bartholomew Featherstonehaugh-Smythe",
        town="South Hadley Falls",
        county="Hampshire",
        status=CallbackRequest.Status.TRYING,
        assigned_to=colleague,
    )
    for _ in range(2):
        CallAttempt.objects.create(callback_request=request, outcome="voicemail", made_by=colleague)
    return request


def sign_in(browser, site, width: str, **options):
    """A page at this width, signed in as a front-desk member with both factors."""
    user = make_staff_user(f"desk-{width}", groups=["Front desk"])
    context = browser.new_context(**WIDTHS[width], **options)
    page = context.new_page()
    sign_in_with_code(page, site, user.username, authenticator_for(user))
    page.goto(site + QUEUE)
    return page


@pytest.fixture(params=list(WIDTHS))
def front_desk(request, browser, site):
    """(page, width): a front-desk member's browser at phone or desktop width, signed in."""
    page = sign_in(browser, site, request.param)
    yield page, request.param
    page.context.close()


@pytest.fixture
def phone(browser, site):
    page = sign_in(browser, site, "phone")
    yield page
    page.context.close()


def assert_fits(page, where: str, *, width: str) -> None:
    """Nothing wider than the window; no text cut off or drawn over other text; on a phone,
    every target 24 x 24 px at least (on a desktop axe checks them, with their spacing).

    Closed <details> are opened first: the browser does not lay out what they hide, and
    would report that text as drawn over whatever is at the top of the page.
    """
    overflow = page.evaluate(SIDEWAYS)
    assert overflow["page"] <= overflow["view"], f"{where} scrolls sideways: {overflow}"
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    overflow = page.evaluate(SIDEWAYS)
    assert overflow["page"] <= overflow["view"], f"{where}, opened, scrolls sideways: {overflow}"
    clipped = page.evaluate(CLIPPED_TEXT)
    assert clipped == [], f"text cut off at {where}: {clipped}"
    if width == "phone":
        small = page.evaluate(SMALL_TARGETS)
        assert small == [], f"targets too small at {where}: {small}"


def size(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box


def assert_thumb_sized(locator, what: str) -> None:
    """WCAG 2.5.8 asks 24 x 24 px at least; a thumb needs 44 x 44."""
    box = size(locator)
    assert box["width"] >= 44 and box["height"] >= 44, f"{what} is {box}"


@real_commits
def test_the_queue_fits_the_screen_at_both_widths(front_desk, site):
    """No sideways scrolling: not the page, and at 1280 px not the table of requests either."""
    page, width = front_desk
    seed_queue()
    seed_a_long_one()
    page.goto(site + QUEUE)
    results = page.locator("#changelist-form .results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth"), "the columns overflow"
    if width == "desktop":
        headings = page.locator("#result_list thead th")
        expect(headings.first).to_be_visible()
        for n in range(headings.count()):
            box = size(headings.nth(n))
            assert box["x"] + box["width"] <= 1280, f"column {n + 1} is past the right edge"
    assert_fits(page, f"the queue at {width} width", width=width)


@real_commits
def test_on_a_phone_each_request_is_a_card_with_its_parts(phone, site):
    """At 390 px each request is a card as wide as the list: its reference, name, due or
    overdue, status, a phone link to tap and the "Assign to me" button, each labelled."""
    page = phone
    overdue, on_time = seed_queue()
    page.goto(site + QUEUE)
    expect(page.locator("#result_list thead")).to_be_hidden()
    cards = page.locator("#result_list tbody tr")
    expect(cards).to_have_count(5)
    list_width = size(page.locator("#result_list"))["width"]
    for n in range(cards.count()):
        card = cards.nth(n)
        assert card.evaluate("el => getComputedStyle(el).display") == "block"
        assert size(card)["width"] >= list_width - 2, "a card narrower than the list"
        reference = card.locator("th a")
        expect(reference).to_have_text(re.compile(r"^CB-\w{4}$"))
        expect(card.locator(".queue-due")).to_be_visible()
        expect(card.locator(".queue-due")).to_contain_text(re.compile("Overdue|Due"))
        expect(card.locator('td[data-label="Status"]')).to_contain_text("New")
        call = card.locator('a[href^="tel:"]')
        expect(call).to_have_attribute("href", "tel:+14135550123")
        assert_thumb_sized(call, "the phone link")
        assert_thumb_sized(card.locator("button.queue-assign"), "Assign to me")
    names = cards.locator("td").all_inner_texts()
    for request in [*overdue, *on_time]:
        assert request.full_name in names
    status = cards.first.locator('td[data-label="Status"]')
    label = status.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Status"', "the card does not show what the value is"


@real_commits
def test_the_filters_wait_behind_one_button_above_the_requests(front_desk, site):
    """One "Filters" button, above the search and the requests, closed at first; a tap or
    Enter opens it and shows Django's filters."""
    page, width = front_desk
    seed_queue()
    page.goto(site + QUEUE)
    button = page.locator("summary", has_text="Filters")
    expect(button).to_have_count(1)
    filters = page.locator("#changelist-filter")
    expect(filters).to_be_hidden()
    top = size(button)["y"]
    assert top < size(page.locator("#changelist-search"))["y"]
    assert top < size(page.locator("#result_list"))["y"]
    assert_thumb_sized(button, "the Filters button")

    button.tap() if width == "phone" else button.click()
    expect(filters).to_be_visible()
    expect(filters.get_by_role("link", name="Assigned to me")).to_be_visible()
    button.press("Enter")
    expect(filters).to_be_hidden()
    button.press("Enter")
    expect(filters).to_be_visible()
    assert_fits(page, f"the open filters at {width} width", width=width)
    page.get_by_role("link", name="Assigned to me").click()
    expect(page.locator("summary", has_text="Filters")).to_contain_text("in use")


@real_commits
def test_the_filters_open_without_javascript(browser, site):
    """The button is HTML's own <details>: it opens with JavaScript turned off."""
    seed_queue()
    page = sign_in(browser, site, "phone", java_script_enabled=False)
    filters = page.locator("#changelist-filter")
    expect(filters).to_be_hidden()
    page.locator("summary", has_text="Filters").tap()
    expect(filters).to_be_visible()
    page.context.close()


@real_commits
def test_an_overdue_request_is_marked_by_more_than_colour(front_desk, site):
    """An overdue request's row (card) has a red edge and a tint, and says "Overdue" in
    words; every text in it keeps a contrast of 4.5:1 at least, in the light and the dark
    theme. Rows on time have neither edge nor tint."""
    page, _ = front_desk
    overdue, on_time = seed_queue()
    page.goto(site + QUEUE)
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        for request in overdue:
            row = page.locator("#result_list tbody tr", has_text=request.full_name)
            expect(row.locator(".queue-due--overdue")).to_contain_text("Overdue")
            assert red_edge(row) >= 6, "the overdue row has no red edge"
            assert_readable(row, theme)
            tint = row.evaluate("el => getComputedStyle(el).backgroundColor")
        for request in on_time:
            row = page.locator("#result_list tbody tr", has_text=request.full_name)
            expect(row.locator(".queue-due--overdue")).to_have_count(0)
            assert red_edge(row) == 0
            assert row.evaluate("el => getComputedStyle(el).backgroundColor") != tint


def assert_readable(row, theme: str) -> None:
    texts = row.locator("a, td, th, span, time, button")
    for n in range(texts.count()):
        if texts.nth(n).inner_text().strip():
            ratio = texts.nth(n).evaluate(CONTRAST)
            assert ratio >= 4.5, f"{texts.nth(n)} has a contrast of {ratio:.2f} ({theme})"


def red_edge(row) -> float:
    """The width of the coloured edge on the row's left: its border, or the first cell's
    inset shadow (a table row's own border does not show in Django's tables)."""
    return row.evaluate(
        """tr => {
          const border = parseFloat(getComputedStyle(tr).borderLeftWidth) || 0;
          const shadow = getComputedStyle(tr.firstElementChild).boxShadow;
          const inset = shadow.includes("inset") ? parseFloat(shadow.match(/(\\d+)px/)[1]) : 0;
          return Math.max(border > 1 ? border : 0, inset);
        }"""
    )


@real_commits
def test_a_request_and_its_call_log_fit_a_phone_and_work_with_a_thumb(phone, site):
    """At 390 px a request's page does not scroll sideways; the status, the call log's
    boxes and Save are 44 px at least and labelled; a call logged by taps is saved."""
    page = phone
    overdue, _ = seed_queue()
    request = overdue[0]
    page.goto(site + QUEUE + f"{request.pk}/change/")
    assert_fits(page, "a request's page", width="phone")
    assert_thumb_sized(page.locator("#id_status"), "the status")
    log = page.locator("#call_attempts-group tr.form-row:not(.empty-form)")
    expect(log).to_have_count(1)
    boxes = log.locator("input:not([type=hidden]), select, textarea")
    assert boxes.count() >= 4  # date, time, outcome, note
    for n in range(boxes.count()):
        assert_thumb_sized(boxes.nth(n), f"call log box {n + 1}")
    for label in ("When", "Outcome", "Note"):
        expect(log.locator("label", has_text=label)).to_be_visible()
    save = page.locator("input[name=_save]")
    assert_thumb_sized(save, "Save")

    log.get_by_label("Outcome").select_option(label="Left a voicemail")
    log.get_by_label("Note").tap()
    page.keyboard.type("Left a message about Tuesday")
    page.locator("#id_status").select_option(label="Trying to reach")
    save.tap()
    expect(page.locator(".messagelist .success")).to_be_visible()
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.TRYING
    assert request.call_attempts.get().note == "Left a message about Tuesday"


def assert_accessible(page, where: str) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, f"{where}: {results.generate_report()}"


@real_commits
def test_axe_finds_nothing_on_the_queue_or_a_request(front_desk, site):
    """The queue (filters closed and open) and a request's page pass axe's WCAG A and AA
    rules at this width."""
    page, width = front_desk
    overdue, _ = seed_queue()
    page.goto(site + QUEUE)
    assert_accessible(page, "the queue")
    page.locator("summary", has_text="Filters").click()
    assert_accessible(page, "the queue with its filters open")
    page.goto(site + QUEUE + f"{overdue[0].pk}/change/")
    assert_fits(page, f"a request's page at {width} width", width=width)
    assert_accessible(page, "a request's page")
