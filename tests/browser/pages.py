"""Every public page and state, reached the way a patient reaches it.

Each visit also proves it reached the state it names (the status, the messages),
so no browser test can pass on the wrong page.
"""

import re

# The messages the form with only a bad phone number must show, field by field.
EXPECTED_ERRORS = {
    "full_name": "Enter your full name",
    "phone": "Enter a US phone number with its area code, for example 413-555-0123",
    "zip_code": "Enter your ZIP code",
    "procedure": "Choose what you would like to talk about",
    "best_time": "Choose the best time to call you",
    "needs_interpreter": "Tell us if you need an interpreter, or choose “Not sure”",
    "consent_to_call": "Tick “You may call me” so that we can call you back",
}

GOOD_ANSWERS = {
    "#id_full_name": "Maria Lopez",
    "#id_phone": "413-555-0123",
    "#id_zip_code": "01103",
}


def status(page) -> int:
    """The HTTP status of the document now shown, however it was reached."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")


def shows_the_site(page) -> None:
    """The clinic's own page: its header, navigation and footer around the content."""
    assert page.is_visible(".site-header nav[aria-label=Main]")
    assert page.is_visible(".site-footer")


def fill_form(page, **answers):
    values = {**GOOD_ANSWERS, **answers}
    for selector, value in values.items():
        page.fill(selector, value)
    page.select_option("#id_procedure", "port-placement")
    page.check("#id_best_time_0")
    page.check("#id_needs_interpreter_1")  # No (the call's language is the page's already)
    page.check("#id_consent_to_call")


def home(page, site):
    page.goto(site + "/")


def procedure_list(page, site):
    page.goto(site + "/procedures/")


def explainer(page, site):
    page.goto(site + "/procedures/port-placement/")


def callback_form(page, site):
    page.goto(site + "/request-a-callback/")


def callback_form_with_errors(page, site):
    page.goto(site + "/request-a-callback/")
    page.fill("#id_phone", "555-01")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state()
    assert status(page) == 200
    summary = page.eval_on_selector_all(
        ".error-summary__list a", "els => els.map(e => e.textContent.trim())"
    )
    assert summary == list(EXPECTED_ERRORS.values()), summary
    for field, message in EXPECTED_ERRORS.items():
        shown = page.text_content(f"#id_{field}_error").replace("Error:", "").strip()
        assert shown == message, (field, shown)


def callback_form_out_of_area(page, site):
    page.goto(site + "/request-a-callback/")
    fill_form(page, **{"#id_zip_code": "02108"})
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state()
    message = "Sorry, we can only take callback requests from our service area."
    summary = page.text_content(".error-summary__list").strip()
    assert summary.startswith(message), summary
    shown = page.text_content("#id_zip_code_error").replace("Error:", "").strip()
    assert shown.startswith(message) and page.is_visible("#id_zip_code_error"), shown


def callback_received(page, site):
    page.goto(site + "/request-a-callback/")
    fill_form(page)
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    assert status(page) == 200
    assert re.fullmatch(r"CB-[0-9A-Z]{4}", page.text_content(".reference").strip())


def callback_corrected(page, site):
    """The same form sent twice, the second time with the phone number corrected (as after
    Back to the very same page): the request is updated, and the patient told so."""
    page.goto(site + "/request-a-callback/")
    patient = {"#id_full_name": "Ana Ruiz"}  # not a request this browser sent before
    fill_form(page, **patient)
    token = page.input_value("[name=form_token]")
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    page.goto(site + "/request-a-callback/")
    fill_form(page, **patient, **{"#id_phone": "413-555-0199"})
    page.evaluate("token => { document.querySelector('[name=form_token]').value = token; }", token)
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    assert status(page) == 200
    assert page.text_content("h1") == "We updated your request"
    shows_the_site(page)


def bad_request(page, site):
    """A request the site cannot read (here a NUL in the address) gets the plain 400 page."""
    response = page.goto(site + "/?q=%00")
    assert response.status == 400, f"{response.url} answered {response.status}, not 400"
    assert page.text_content("h1") == "We could not read what was sent"
    shows_the_site(page)


def not_found(page, site):
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404, f"{response.url} answered {response.status}, not 404"
    assert page.text_content("h1") == "We can't find that page"
    shows_the_site(page)


def rate_limited(page, site):
    """With the limit set to no forms an hour, the first form sent gets the 429 page."""
    from django.test import override_settings

    with override_settings(CALLBACK_RATE_LIMIT="0/h"):
        page.goto(site + "/request-a-callback/")
        fill_form(page)
        page.click("button[type=submit]")
        page.wait_for_selector("h1:text('Please call us instead')")
        page.wait_for_load_state()
    assert status(page) == 429
    shows_the_site(page)


ALL = {
    "home": home,
    "procedures": procedure_list,
    "explainer": explainer,
    "callback form": callback_form,
    "callback form with errors": callback_form_with_errors,
    "callback form, out of area": callback_form_out_of_area,
    "callback received": callback_received,
    "callback corrected": callback_corrected,
    "400 page": bad_request,
    "404 page": not_found,
    "rate-limit page": rate_limited,
}
