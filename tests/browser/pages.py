"""Every public page and state, reached the way a patient reaches it, in English and Spanish.

Each visit also proves it reached the state it names (the status, the messages; for a
page in Spanish its heading in Spanish and `<html lang="es">`), so no browser test can
pass on the wrong page.

A Spanish state is the English one at the address with "/es" in front: `address(path,
"es")`. A plain page is `at(path, h1=..., language="es")`; a state reached by sending
the form takes `language="es"` and the Spanish messages it must show, for example
`functools.partial(callback_form_with_errors, language="es", errors=SPANISH_ERRORS)`.
"""

import re
from functools import partial

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

OUT_OF_AREA = "Sorry, we can only take callback requests from our service area."

# The same, on the Spanish form.
SPANISH_ERRORS = {
    "full_name": "Escriba su nombre completo",
    "phone": "Escriba un número de teléfono de EE. UU. con su código de área, por ejemplo "
    "413-555-0123",
    "zip_code": "Escriba su código postal (ZIP)",
    "procedure": "Escoja de qué le gustaría hablar",
    "best_time": "Escoja la mejor hora para llamarle",
    "needs_interpreter": "Díganos si necesita un intérprete, o escoja “No sé”",
    "consent_to_call": "Marque “Pueden llamarme” para que podamos devolverle la llamada",
}
SPANISH_OUT_OF_AREA = (
    "Lo sentimos, solo podemos recibir solicitudes de llamada de nuestra zona de servicio."
)

FORM = "/request-a-callback/"

GOOD_ANSWERS = {
    "#id_full_name": "Maria Lopez",
    "#id_phone": "413-555-0123",
    "#id_zip_code": "01103",
}


def status(page) -> int:
    """The HTTP status of the document now shown, however it was reached."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")


def address(path: str, language: str = "en") -> str:
    """The page's address in `language`: English unprefixed, Spanish at "/es" + the same path."""
    return path if language == "en" else f"/{language}{path}"


def shows_the_site(page) -> None:
    """The clinic's own page: its header, navigation and footer around the content."""
    assert page.is_visible(".site-header nav.site-nav[aria-label]")  # "Main", "Principal"
    assert page.is_visible(".site-footer")


def fill_form(page, **answers):
    values = {**GOOD_ANSWERS, **answers}
    for selector, value in values.items():
        page.fill(selector, value)
    page.select_option("#id_procedure", "port-placement")
    page.check("#id_best_time_0")
    page.check("#id_needs_interpreter_1")  # No (the call's language is the page's already)
    page.check("#id_consent_to_call")


def arrived(page, *, code: int = 200, h1: str | None = None, language: str = "en") -> None:
    """The page now shown answered `code`, is in `language` (`<html lang>`), has `h1` as its
    heading when given, and is the clinic's own page."""
    assert status(page) == code, f"{page.url} answered {status(page)}, not {code}"
    assert page.get_attribute("html", "lang") == language, page.url
    if h1 is not None:
        assert page.text_content("h1").strip() == h1, page.url
    shows_the_site(page)


def at(path: str, *, h1: str, language: str = "en", code: int = 200):
    """A visit to the page at `path` in `language` that proves it arrived there."""

    def visit(page, site):
        response = page.goto(site + address(path, language))
        assert response.status == code, f"{response.url} answered {response.status}, not {code}"
        arrived(page, code=code, h1=h1, language=language)

    visit.__doc__ = f"{address(path, language)}: {h1!r}, status {code}, lang {language!r}."
    return visit


def home(page, site):
    page.goto(site + "/")


def procedure_list(page, site):
    page.goto(site + "/procedures/")


def explainer(page, site):
    page.goto(site + "/procedures/port-placement/")


def callback_form(page, site, language="en"):
    page.goto(site + address(FORM, language))
    assert page.get_attribute("html", "lang") == language


def callback_form_with_errors(page, site, language="en", errors=EXPECTED_ERRORS):
    page.goto(site + address(FORM, language))
    page.fill("#id_phone", "555-01")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state()
    assert status(page) == 200
    summary = page.eval_on_selector_all(
        ".error-summary__list a", "els => els.map(e => e.textContent.trim())"
    )
    assert summary == list(errors.values()), summary
    for field, message in errors.items():
        shown = page.text_content(f"#id_{field}_error").replace("Error:", "").strip()
        assert shown == message, (field, shown)
    assert page.get_attribute("html", "lang") == language


def callback_form_out_of_area(page, site, language="en", message=OUT_OF_AREA):
    page.goto(site + address(FORM, language))
    fill_form(page, **{"#id_zip_code": "02108"})
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state()
    summary = page.text_content(".error-summary__list").strip()
    assert summary.startswith(message), summary
    shown = page.text_content("#id_zip_code_error").replace("Error:", "").strip()
    assert shown.startswith(message) and page.is_visible("#id_zip_code_error"), shown
    assert page.get_attribute("html", "lang") == language


def callback_received(page, site, language="en"):
    page.goto(site + address(FORM, language))
    fill_form(page)
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    assert status(page) == 200
    assert re.fullmatch(r"CB-[0-9A-Z]{4}", page.text_content(".reference").strip())
    assert page.get_attribute("html", "lang") == language
    assert page.url.endswith(address("/request-a-callback/received/", language))


def callback_corrected(page, site, language="en", h1="We updated your request"):
    """The same form sent twice, the second time with the phone number corrected (as after
    Back to the very same page): the request is updated, and the patient told so."""
    page.goto(site + address(FORM, language))
    patient = {"#id_full_name": "Ana Ruiz"}  # not a request this browser sent before
    fill_form(page, **patient)
    token = page.input_value("[name=form_token]")
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    page.goto(site + address(FORM, language))
    fill_form(page, **patient, **{"#id_phone": "413-555-0199"})
    page.evaluate("token => { document.querySelector('[name=form_token]').value = token; }", token)
    page.click("button[type=submit]")
    page.wait_for_url("**/request-a-callback/received/")
    assert status(page) == 200
    assert page.text_content("h1") == h1
    assert page.get_attribute("html", "lang") == language
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


def rate_limited(page, site, language="en", h1="Please call us instead"):
    """With the limit set to no forms an hour, the first form sent gets the 429 page."""
    from django.test import override_settings

    with override_settings(CALLBACK_RATE_LIMIT="0/h"):
        page.goto(site + address(FORM, language))
        fill_form(page)
        page.click("button[type=submit]")
        page.wait_for_selector(f"h1:text('{h1}')")
        page.wait_for_load_state()
    assert status(page) == 429
    assert page.get_attribute("html", "lang") == language
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
    "language help": at("/language-help/", h1="Free language help"),
}

# The same pages in Spanish (the callback form's states join them once the form is Spanish).
CLINIC = "New England Endovascular Center"  # the home page's heading, the same in both
SPANISH = {
    "home (es)": at("/", h1=CLINIC, language="es"),
    "procedures (es)": at("/procedures/", h1="Procedimientos", language="es"),
    "explainer (es)": at(
        "/procedures/port-placement/",
        h1="Colocación de un puerto para la quimioterapia",
        language="es",
    ),
    "language help (es)": at("/language-help/", h1="Ayuda gratis con el idioma", language="es"),
    "400 page (es)": at("/?q=%00", h1="No pudimos leer lo que se envió", language="es", code=400),
    "404 page (es)": at("/no-such-page/", h1="No encontramos esa página", language="es", code=404),
    "callback form (es)": partial(callback_form, language="es"),
    "callback form with errors (es)": partial(
        callback_form_with_errors, language="es", errors=SPANISH_ERRORS
    ),
    "callback form, out of area (es)": partial(
        callback_form_out_of_area, language="es", message=SPANISH_OUT_OF_AREA
    ),
    "callback received (es)": partial(callback_received, language="es"),
    "callback corrected (es)": partial(
        callback_corrected, language="es", h1="Actualizamos su solicitud"
    ),
    "rate-limit page (es)": partial(rate_limited, language="es", h1="Por favor, llámenos"),
}
ALL |= SPANISH
