"""The Spanish callback form in Chromium: filled in by keyboard, sent, confirmed in Spanish."""

from playwright.sync_api import expect

from tests.browser.staff import assert_accessible
from tests.browser.test_keyboard import focused, tab_to
from tests.helpers import real_commits

SPANISH_FORM = "/es/request-a-callback/"


@real_commits
def test_a_patient_asks_for_a_call_in_spanish_by_keyboard(any_page, site):
    """At phone and desktop width: the Spanish form passes axe, its language question and
    interpreter question are reached and answered by keyboard, a mistake is told in Spanish
    (axe clean too), and the fixed form leads to the Spanish confirmation."""
    page = any_page
    page.goto(site + SPANISH_FORM)
    assert page.text_content("h1") == "Pida que le llamemos"
    assert_accessible(page)

    page.focus("#id_full_name")
    page.keyboard.type("María Núñez")
    tab_to(page, lambda s: s["id"] == "id_phone")
    page.keyboard.type("555-01")  # the mistake: no area code
    tab_to(page, lambda s: s["id"] == "id_zip_code")
    page.keyboard.type("01103")
    tab_to(page, lambda s: s["id"] == "id_procedure")
    page.keyboard.press("ArrowDown")
    tab_to(page, lambda s: s["id"].startswith("id_best_time_"))
    page.keyboard.press("Space")
    # Spanish is chosen already (the language of the page): Tab stops on it.
    language = tab_to(page, lambda s: s["id"].startswith("id_call_language_"))
    assert language["id"] == "id_call_language_1"
    assert page.is_checked("#id_call_language_1")
    tab_to(page, lambda s: s["id"] == "id_call_language_other")
    tab_to(page, lambda s: s["id"].startswith("id_needs_interpreter_"))
    page.keyboard.press("Space")  # “Sí”
    tab_to(page, lambda s: s["id"] == "id_consent_to_call")
    page.keyboard.press("Space")
    tab_to(page, lambda s: s["tag"] == "button")
    page.keyboard.press("Enter")

    page.wait_for_selector(".error-summary")
    expect(page.locator(".error-summary")).to_be_focused()
    summary = focused(page)
    assert summary["text"].startswith("Hay un problema")
    assert "Escriba un número de teléfono de EE. UU." in summary["text"]
    assert page.input_value("#id_full_name") == "María Núñez"
    assert page.is_checked("#id_needs_interpreter_0")
    assert_accessible(page)

    page.fill("#id_phone", "413-555-0123")
    page.click("button[type=submit]")
    page.wait_for_url("**/es/request-a-callback/received/")
    assert page.text_content("h1") == "Recibimos su solicitud"
    reference = page.text_content(".reference").strip()
    assert_accessible(page)

    from appointments.models import CallbackRequest

    saved = CallbackRequest.objects.get(reference=reference)
    assert (saved.full_name, saved.page_language, saved.call_language) == (
        "María Núñez",
        "es",
        "es",
    )
    assert saved.needs_interpreter == "yes"
