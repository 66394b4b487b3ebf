"""Every public page and state, reached the way a patient reaches it."""

GOOD_ANSWERS = {
    "#id_full_name": "Maria Lopez",
    "#id_phone": "413-555-0123",
    "#id_zip_code": "01103",
}


def fill_form(page, **answers):
    values = {**GOOD_ANSWERS, **answers}
    for selector, value in values.items():
        page.fill(selector, value)
    page.select_option("#id_procedure", "port-placement")
    page.check("#id_best_time_0")
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


def callback_form_out_of_area(page, site):
    page.goto(site + "/request-a-callback/")
    fill_form(page, **{"#id_zip_code": "02108"})
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")


def callback_received(page, site):
    page.goto(site + "/request-a-callback/")
    fill_form(page)
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")


def not_found(page, site):
    page.goto(site + "/no-such-page/")


def rate_limited(page, site):
    """The sixth form from one address in an hour gets the 429 page."""
    from django.test import override_settings

    with override_settings(CALLBACK_RATE_LIMIT="0/h"):
        page.goto(site + "/request-a-callback/")
        fill_form(page)
        page.click("button[type=submit]")
        page.wait_for_selector("h1:text('Please call us instead')")


ALL = {
    "home": home,
    "procedures": procedure_list,
    "explainer": explainer,
    "callback form": callback_form,
    "callback form with errors": callback_form_with_errors,
    "callback form, out of area": callback_form_out_of_area,
    "callback received": callback_received,
    "404 page": not_found,
    "rate-limit page": rate_limited,
}
