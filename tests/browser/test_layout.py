"""Every width, 200% zoom and print: nothing scrolls sideways, nothing is cut or too small.

Each page and state is laid out at 320 x 640 (WCAG's reflow width), 360 x 740 and
1280 x 800; at 200% page zoom of a 1280 x 800 window (640 x 400 CSS pixels); and
at 360 x 740 with only the text doubled (the root font size at 200%).
"""

import pytest

from tests.browser import pages
from tests.browser.helpers import DESKTOP_AT_200_PERCENT, DEVICES, NARROW_PHONE, PHONE
from tests.helpers import real_commits

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

# Text that is cut off: a box that hides what does not fit in it, holding more text
# than fits; or two pieces of text drawn over each other. Text hidden on purpose
# for screen readers (clipped to 1 px) is not shown, so not counted.
CLIPPED_TEXT = """() => {
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const hides = value => value === "hidden" || value === "clip";
  const onPurpose = el => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e), box = e.getBoundingClientRect();
      if (s.clip !== "auto" || s.clipPath !== "none") return true;
      const tiny = box.width <= 1 || box.height <= 1;
      if ((hides(s.overflowX) || hides(s.overflowY)) && tiny) return true;
    }
    return false;
  };
  const problems = [];
  for (const el of document.body.querySelectorAll("*")) {
    const s = getComputedStyle(el);
    if (!el.getClientRects().length || s.visibility !== "visible") continue;
    if (!el.textContent.trim()) continue;
    if (onPurpose(el)) continue;
    if ((hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`${name(el)} cuts off its text (${el.scrollWidth}x${el.scrollHeight} `
        + `in ${el.clientWidth}x${el.clientHeight})`);
    }
  }
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.data.trim() || getComputedStyle(el).visibility !== "visible") continue;
    if (onPurpose(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const what = `${name(el)} "${node.data.trim().slice(0, 30)}"`;
      if (r.width > 1 && r.height > 1) pieces.push({r, what});
    }
  }
  pieces.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i].r;
    for (let j = i + 1; j < pieces.length && pieces[j].r.top < a.bottom; j++) {
      const b = pieces[j].r;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Glyph boxes of lines set close together may touch; text drawn over text overlaps more.
      if (across > 2 && down > Math.min(a.height, b.height) / 3) {
        problems.push(`${pieces[i].what} overlaps ${pieces[j].what}`);
      }
    }
  }
  return problems.slice(0, 10);
}"""

DOUBLE_THE_TEXT = "document.documentElement.style.fontSize = '200%'"
ROOT_FONT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"


def check_fits(page, where: str, *, targets: bool = True, text: bool = True) -> None:
    """No sideways scrolling; every target big enough; no text cut off or overlapping."""
    overflow = page.evaluate(HORIZONTAL_OVERFLOW)
    assert overflow["page"] <= overflow["view"], f"scrolls sideways at {where}: {overflow}"
    if targets:
        assert page.evaluate(SMALL_TARGETS) == [], f"targets too small at {where}"
    if text:
        assert page.evaluate(CLIPPED_TEXT) == [], f"text cut off at {where}"


@real_commits
@pytest.mark.parametrize("state", list(pages.ALL))
def test_every_state_fits_every_width_and_zoom(browser, site, state):
    """At 320, 360 and 1280 pixels, at 200% zoom and with text at 200%, the state fits its
    width, no text is cut off or drawn over other text, and every target is 24 x 24 or more."""
    visit = pages.ALL[state]

    phone = browser.new_context(**DEVICES["phone"])
    page = phone.new_page()
    visit(page, site)
    check_fits(page, "360 x 740")
    page.set_viewport_size(NARROW_PHONE)
    check_fits(page, "320 x 640")
    page.set_viewport_size(PHONE)
    page.evaluate(DOUBLE_THE_TEXT)
    assert page.evaluate(ROOT_FONT_SIZE) == 32, "the text did not grow to 200%"
    check_fits(page, "360 x 740 with text at 200%", targets=False)
    phone.close()

    # One visit for both: a 2x screen lays out 1280 x 800 as any screen does, and
    # the same window at 200% zoom is 640 x 400 CSS pixels at 2 device pixels each.
    zoom = DESKTOP_AT_200_PERCENT["device_scale_factor"]
    desktop = browser.new_context(**DEVICES["desktop"], device_scale_factor=zoom)
    page = desktop.new_page()
    visit(page, site)
    check_fits(page, "1280 x 800")
    page.set_viewport_size(DESKTOP_AT_200_PERCENT["viewport"])
    assert page.evaluate("[innerWidth, devicePixelRatio]") == [640, 2]
    check_fits(page, "1280 x 800 at 200% zoom", targets=False)
    desktop.close()


SHOWN = """el => {
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === "none" || s.visibility !== "visible" || s.opacity === "0") return false;
  }
  const box = el.getBoundingClientRect();
  return box.width > 1 && box.height > 1;
}"""


@real_commits
def test_the_explainer_prints_every_section_and_hides_navigation(desktop_page, site):
    """On paper: every section's heading and every paragraph and list item under it;
    no header, menus, breadcrumb, jump links, skip link or footer."""
    pages.explainer(desktop_page, site)
    desktop_page.emulate_media(media="print")
    sections = desktop_page.query_selector_all("main section")
    assert len(sections) == 14
    for section in sections:
        heading = section.query_selector("h2")
        title = heading.text_content().strip()
        assert heading.evaluate(SHOWN), f"heading {title!r} is not printed"
        body = section.query_selector_all(":scope > :not(h2), :scope p, :scope li, :scope h3")
        assert body, f"section {title!r} has no text under its heading"
        for part in body:
            if part.text_content().strip():
                assert part.evaluate(SHOWN), (
                    f"{part.text_content()[:40]!r} in {title!r} not printed"
                )
    navs = desktop_page.query_selector_all("nav")
    assert len(navs) >= 3  # the main menu, the breadcrumb, "On this page"
    for nav in navs:
        label = nav.get_attribute("aria-label") or nav.get_attribute("aria-labelledby")
        assert not nav.evaluate(SHOWN), f"the {label} navigation is printed"
    for selector in (".site-header", ".site-footer", ".skip-link"):
        assert not desktop_page.eval_on_selector(selector, SHOWN), selector
    pdf = desktop_page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
