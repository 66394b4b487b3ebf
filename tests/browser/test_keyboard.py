"""A patient using only the keyboard can ask for a callback, from the skip link to the reference."""

from tests.browser.conftest import live_db

# What the focused element looks like, and whether anything covers it.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 10), 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    id: el.id, tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    inView: box.bottom > 0 && box.top < innerHeight && box.width > 0 && box.height > 0,
    onTop: top === el || el.contains(top) || (top !== null && top.control === el),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUS_STATE)


def tab_to(page, predicate, limit=40) -> dict:
    """Press Tab until the focused element matches, checking focus is visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["outline"] or state["shadow"], f"focus is invisible on {state}"
        assert state["inView"] and state["onTop"], f"focus is hidden on {state}"
        if predicate(state):
            return state
    raise AssertionError("never reached the wanted element by Tab")


@live_db
def test_a_keyboard_only_journey_from_skip_link_to_reference(phone_page, site):
    """Skip link, fill in, one mistake, error summary, link to the field, fix, send, reference."""
    page = phone_page
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
    tab_to(page, lambda s: s["id"] == "id_consent_to_call")
    page.keyboard.press("Space")
    tab_to(page, lambda s: s["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")

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


@live_db
def test_every_link_and_control_on_the_explainer_shows_focus(desktop_page, site):
    """Tabbing through the whole explainer, each stop has a visible, uncovered focus ring."""
    page = desktop_page
    page.goto(site + "/procedures/port-placement/")
    stops = page.evaluate(
        "document.querySelectorAll('a[href], button, input, select, textarea').length"
    )
    seen = 0
    while seen < stops:
        state = tab_to(page, lambda s: True, limit=1)
        seen += 1
        if state["tag"] == "body":
            break
    assert seen >= 20
