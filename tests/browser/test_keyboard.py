"""A patient using only the keyboard can ask for a callback, from the skip link to the reference,
and can reach the Spanish explainer and switch its language."""

from playwright.sync_api import expect

from tests.helpers import real_commits
from tests.local_site import EXPLAINER

SPANISH_TITLE = "Colocación de un puerto para la quimioterapia"

# The focused element, how its focus indicator differs from its unfocused look, and
# whether anything covers it. The unfocused look is read by blurring the element and
# focusing it again (the last input was a key, so :focus-visible comes back).
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const seen = value => {
    const rgba = value.match(/rgba?\\([^)]*\\)/);
    if (!rgba) return false;
    const parts = rgba[0].match(/[\\d.]+/g).map(Number);
    return parts.length < 4 || parts[3] > 0;
  };
  const indicator = style => {
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && seen(style.outlineColor) ? `${style.outlineWidth} ${style.outlineColor}` : "";
    // Each shadow: a colour, x and y offsets, then optional blur and spread.
    const shadows = (style.boxShadow.match(/rgba?\\([^)]*\\)[^,]*(?:,|$)/g) || [])
      .filter(shadow => {
        const [x, y, blur = 0, spread = 0] = (shadow.replace(/rgba?\\([^)]*\\)/, "")
          .match(/-?[\\d.]+px/g) || []).map(parseFloat);
        return seen(shadow) && Math.max(Math.abs(x), Math.abs(y), spread, blur / 2) >= 2;
      });
    return {outline, shadow: shadows.join(", ")};
  };
  const focusedLook = indicator(getComputedStyle(el));
  let unfocusedLook = {outline: "", shadow: ""};
  if (el !== document.body) {
    el.blur();
    unfocusedLook = indicator(getComputedStyle(el));
    el.focus({preventScroll: true});
  }
  const shows = Boolean((focusedLook.outline && focusedLook.outline !== unfocusedLook.outline)
    || (focusedLook.shadow && focusedLook.shadow !== unfocusedLook.shadow));

  // Sample the centre and four points towards the corners of the part in view.
  const box = el.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const inView = right - left >= 1 && bottom - top >= 1;
  const covered = [];
  if (inView) {
    for (const [fx, fy] of [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]]) {
      const x = left + (right - left) * fx, y = top + (bottom - top) * fy;
      const hit = document.elementFromPoint(x, y);
      if (!(hit === el || el.contains(hit) || (hit && hit.control === el))) {
        covered.push(`(${Math.round(x)}, ${Math.round(y)}) shows `
          + (hit ? hit.tagName.toLowerCase() + "." + hit.className : "nothing"));
      }
    }
  }
  return {
    id: el.id, tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim(),
    stillFocused: document.activeElement === el,
    focused: focusedLook, unfocused: unfocusedLook, shows, inView, covered,
  };
}"""


def focused(page) -> dict:
    """The focused element, after checking its focus is visible and not covered."""
    state = page.evaluate(FOCUS_STATE)
    assert state["stillFocused"], f"focus moved while it was checked: {state}"
    assert state["shows"], f"focus is invisible (same look focused and not) on {state}"
    assert state["inView"] and not state["covered"], f"focus is hidden on {state}"
    return state


def tab_to(page, predicate, limit=40) -> dict:
    """Press Tab until the focused element matches, checking focus is visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if predicate(state):
            return state
    raise AssertionError("never reached the wanted element by Tab")


@real_commits
def test_a_keyboard_only_journey_from_skip_link_to_reference(any_page, site):
    """Skip link, fill in, one mistake, error summary, link to the field, fix, send, reference;
    at 360 x 740 and at 1280 x 800, focus visible and uncovered at every stop."""
    page = any_page
    page.goto(site + "/request-a-callback/")

    skip = tab_to(page, lambda s: True)
    assert skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_to(page, lambda s: s["id"] == "id_full_name")
    page.keyboard.type("Maria Lopez")
    tab_to(page, lambda s: s["id"] == "id_phone")
    page.keyboard.type("555-01")  # the mistake: no area code
    tab_to(page, lambda s: s["id"] == "id_zip_code")
    page.keyboard.type("01103")
    tab_to(page, lambda s: s["id"] == "id_procedure")
    page.keyboard.press("ArrowDown")  # "Port placement for chemotherapy"
    tab_to(page, lambda s: s["id"].startswith("id_best_time_"))
    page.keyboard.press("Space")
    # English is already chosen (the page's language): Tab stops on it, then on the box for
    # another language, then on the interpreter question, answered “No” with an arrow key.
    assert tab_to(page, lambda s: s["id"].startswith("id_call_language_"))["id"] == (
        "id_call_language_0"
    )
    tab_to(page, lambda s: s["id"] == "id_call_language_other")
    tab_to(page, lambda s: s["id"].startswith("id_needs_interpreter_"))
    page.keyboard.press("ArrowDown")
    tab_to(page, lambda s: s["id"] == "id_consent_to_call")
    page.keyboard.press("Space")
    tab_to(page, lambda s: s["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    # The summary takes focus by autofocus, which Chromium applies a moment later.
    expect(page.locator(".error-summary")).to_be_focused()

    summary = focused(page)
    assert "error-summary" in summary["cls"], "focus did not land on the error summary"
    assert summary["text"].startswith("There is a problem")
    assert page.title().startswith("Error: ")

    link = tab_to(page, lambda s: s["tag"] == "a")
    assert link["text"].startswith("Enter a US phone number")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_phone"
    page.keyboard.press("Control+A")
    page.keyboard.type("413-555-0123")
    tab_to(page, lambda s: s["tag"] == "button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/request-a-callback/received/")
    reference = page.text_content(".reference").strip()
    assert reference.startswith("CB-") and len(reference) == 7
    # Everything typed before the mistake was kept and sent.
    from appointments.models import CallbackRequest

    saved = CallbackRequest.objects.get(reference=reference)
    assert (saved.full_name, saved.zip_code, saved.procedure.slug) == (
        "Maria Lopez",
        "01103",
        "port-placement",
    )
    assert saved.phone.as_e164 == "+14135550123"
    assert (saved.call_language, saved.needs_interpreter) == ("en", "no")


@real_commits
def test_every_link_and_control_on_the_explainer_shows_focus(desktop_page, site):
    """Tabbing through the whole explainer, each stop has a visible, uncovered focus ring."""
    page = desktop_page
    page.goto(site + "/procedures/port-placement/")
    stops = page.evaluate(
        "document.querySelectorAll('a[href], button, input, select, textarea').length"
    )
    assert stops >= 20
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused(page)  # never the page itself: the body shows no focus ring, so this fails


@real_commits
def test_a_keyboard_only_journey_in_spanish_to_the_explainer_and_across_languages(any_page, site):
    """From the Spanish home, Tab and Enter alone reach the Spanish explainer; its language link
    opens the same page in English, and that page's link brings the Spanish back; at 360 x 740
    and 1280 x 800, focus visible and uncovered at every stop."""
    page = any_page
    page.goto(site + "/es/")
    assert page.get_attribute("html", "lang") == "es"

    skip = tab_to(page, lambda s: True)
    assert skip["text"] == "Saltar al contenido principal"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    tab_to(page, lambda s: s["tag"] == "a" and s["text"] == SPANISH_TITLE)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/es{EXPLAINER}")
    assert page.text_content("h1") == SPANISH_TITLE

    english = tab_to(page, lambda s: "language-link" in s["cls"])
    assert english["text"] == "English"
    page.keyboard.press("Enter")
    page.wait_for_url(site + EXPLAINER)
    assert page.get_attribute("html", "lang") == "en"
    assert page.text_content("h1") == "Port placement for chemotherapy"

    spanish = tab_to(page, lambda s: "language-link" in s["cls"])
    assert spanish["text"] == "Español"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/es{EXPLAINER}")
    assert page.get_attribute("html", "lang") == "es"
    assert page.text_content("h1") == SPANISH_TITLE
