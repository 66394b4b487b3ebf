"""Phone and desktop widths, 200% zoom and print: nothing scrolls sideways, nothing is too small."""

import pytest

from tests.browser import pages
from tests.browser.conftest import live_db

HORIZONTAL_OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
  wide: [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(el => el.getClientRects().length)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))
    .slice(0, 5),
})"""

# WCAG 2.2 target size (2.5.8): every target at least 24 x 24 CSS pixels, except
# links inside a sentence, which the criterion exempts.
SMALL_TARGETS = """() => [...document.querySelectorAll("a[href], button, input, select, textarea")]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .filter(el => {
    const inSentence = el.tagName === "A" && getComputedStyle(el).display === "inline"
      && el.parentElement.textContent.trim() !== el.textContent.trim();
    return !inSentence;
  })
  .map(el => ({el: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect()}))
  .filter(t => t.box.width < 24 || t.box.height < 24)
  .map(t => `${t.el} is ${Math.round(t.box.width)}x${Math.round(t.box.height)}`)"""


@live_db
@pytest.mark.parametrize("state", list(pages.ALL))
def test_no_sideways_scrolling_and_big_enough_targets(any_page, site, state):
    """At 360 and 1280 pixels wide, the page fits its width; every target is 24 x 24 or more."""
    pages.ALL[state](any_page, site)
    overflow = any_page.evaluate(HORIZONTAL_OVERFLOW)
    assert overflow["page"] <= overflow["view"], overflow
    assert any_page.evaluate(SMALL_TARGETS) == []


@live_db
@pytest.mark.parametrize("state", ["home", "explainer", "callback form with errors"])
def test_text_stays_readable_at_200_percent_zoom(browser, site, state):
    """At 200% zoom (640 CSS pixels on a 1280-pixel screen) text reflows and nothing is cut."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    pages.ALL[state](page, site)
    overflow = page.evaluate(HORIZONTAL_OVERFLOW)
    assert overflow["page"] <= overflow["view"], overflow
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    context.close()


@live_db
def test_text_only_zoom_to_200_percent_does_not_break_the_layout(desktop_page, site):
    """With the text size doubled (not the whole page), the explainer still fits its width."""
    pages.explainer(desktop_page, site)
    desktop_page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = desktop_page.evaluate(HORIZONTAL_OVERFLOW)
    assert overflow["page"] <= overflow["view"], overflow
    assert desktop_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 36


@live_db
def test_the_explainer_prints_every_section_and_hides_navigation(desktop_page, site):
    """On paper: every section and list, no header, menus, jump links or footer."""
    pages.explainer(desktop_page, site)
    headings = desktop_page.eval_on_selector_all(
        "main section h2", "els => els.map(e => e.textContent.trim())"
    )
    desktop_page.emulate_media(media="print")
    shown = desktop_page.eval_on_selector_all(
        "main section h2", "els => els.filter(e => e.offsetParent !== null).length"
    )
    assert shown == len(headings) == 14
    for selector in (
        "ol.steps li",
        ".warning--clinic li",
        ".warning--emergency li",
        "ol.questions li",
    ):
        assert desktop_page.is_visible(selector)
    for selector in (".site-header", ".site-footer", ".on-this-page", ".skip-link"):
        assert (
            desktop_page.eval_on_selector(selector, "el => getComputedStyle(el).display") == "none"
        ), selector
    pdf = desktop_page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
