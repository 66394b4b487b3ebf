"""The callback form at /es/request-a-callback/: every word and message in Spanish, all the way."""

import time

import pytest

from appointments import form_tokens
from appointments.models import CallbackRequest
from tests.appointments.helpers import (
    TEST_BROWSER,
    error_summary,
    field_error,
    form_page,
    good_answers,
    token_for,
)
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db

SPANISH_FORM = "/es" + FORM_URL
SPANISH_RECEIVED = SPANISH_FORM + "received/"


def post(client, **overrides):
    return client.post(SPANISH_FORM, good_answers(**({"call_language": "es"} | overrides)))


def kept(response, name: str) -> str:
    """What the box shows again after the form came back."""
    return form_page(response).find("input", attrs={"name": name})["value"]


def test_the_spanish_form_asks_everything_in_spanish_and_posts_to_itself(client):
    """Title, heading, labels, hints, choices, consent, legend, note and button are Spanish;
    the form sends to the Spanish address."""
    page = form_page(client.get(SPANISH_FORM))
    assert page.title.get_text().startswith("Pida que le llamemos: ")
    assert page.h1.get_text(strip=True) == "Pida que le llamemos"
    form = page.select_one("form.callback-form")
    assert form["action"] == SPANISH_FORM
    labels = [label.get_text(strip=True) for label in form.select("label.field__label")]
    assert labels[:3] == ["Nombre completo", "Número de teléfono", "Código postal (ZIP)"]
    legends = [legend.get_text(strip=True) for legend in form.select("legend")]
    assert legends == [
        "Mejor hora para llamarle",
        "¿En qué idioma quiere que le hablemos cuando le llamemos?",
        "¿Necesita un intérprete en la llamada?",
        "¿Cómo podemos comunicarnos con usted?",
    ]
    options = [o.get_text() for o in form.select("#id_procedure option")]
    assert options[0] == "Escoja una opción" and options[-1] == "Todavía no sé"
    times = [label.get_text() for label in form.select("#div_id_best_time .choice label")]
    assert times == [
        "De lunes a viernes, en la mañana",
        "De lunes a viernes, en la tarde",
        "A cualquier hora",
    ]
    consent = form.select_one("label[for=id_consent_to_call]").get_text()
    assert consent == "Pueden llamarme a este número sobre mi solicitud."
    assert "preguntas médicas" in form.select_one(".form-note").get_text()
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Enviar mi solicitud"
    assert "5 números, por ejemplo 01103." in form.get_text()


def test_a_good_spanish_form_goes_to_the_spanish_confirmation(client):
    """Sent from /es/, the request is saved as filled in Spanish and the patient sees the
    Spanish confirmation at /es/request-a-callback/received/."""
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == SPANISH_RECEIVED
    saved = CallbackRequest.objects.get()
    assert (saved.page_language, saved.call_language) == ("es", "es")
    page = form_page(client.get(SPANISH_RECEIVED))
    assert page.h1.get_text(strip=True) == "Recibimos su solicitud"
    assert page.select_one(".reference").get_text(strip=True) == saved.reference
    assert "Le llamaremos dentro de un día laborable" in page.main.get_text(" ", strip=True)
    assert page.title.get_text().startswith("Solicitud recibida: ")


def test_an_empty_spanish_form_names_every_missing_answer_in_spanish(client):
    """Each required answer left out gets its own Spanish message, in the summary and by it."""
    response = client.post(
        SPANISH_FORM,
        good_answers(
            full_name="",
            phone="",
            zip_code="",
            procedure="",
            best_time="",
            call_language="",
            needs_interpreter="",
            consent_to_call="",
        ),
    )
    assert response.status_code == 200
    page = form_page(response)
    assert page.select_one(".error-summary__title").get_text() == "Hay un problema"
    assert page.title.get_text().startswith("Error: Pida que le llamemos")
    assert [message for _, message in error_summary(response)] == [
        "Escriba su nombre completo",
        "Escriba un número de teléfono",
        "Escriba su código postal (ZIP)",
        "Escoja de qué le gustaría hablar",
        "Escoja la mejor hora para llamarle",
        "Escoja el idioma en que quiere que le hablemos",
        "Díganos si necesita un intérprete, o escoja “No sé”",
        "Marque “Pueden llamarme” para que podamos devolverle la llamada",
    ]
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    "field, typed, message",
    [
        (
            "phone",
            "555-01",
            "Escriba un número de teléfono de EE. UU. con su código de área, "
            "por ejemplo 413-555-0123",
        ),
        ("zip_code", "1103", "Escriba un código postal (ZIP) de 5 números, por ejemplo 01103"),
        ("zip_code", "99999", "No encontramos ese código postal. Revíselo y vuelva a intentarlo."),
        (
            "email",
            "maria@",
            "Escriba un correo electrónico como nombre@ejemplo.com, o deje esto en blanco",
        ),
        ("full_name", "x" * 101, "Su nombre debe tener 100 caracteres o menos"),
        (
            "full_name",
            "Maria\u202eLopez",
            "Su nombre tiene un carácter oculto o que no se puede leer (puede haber venido con "
            "un texto copiado). Escriba su nombre otra vez, sin pegarlo.",
        ),
    ],
)
def test_each_bad_answer_keeps_what_was_typed_and_says_why_in_spanish(
    client, field, typed, message
):
    """A bad phone, ZIP code, email or name: its Spanish message, and every box as typed."""
    response = post(client, **{"full_name": "María Núñez", field: typed})
    assert field_error(response, field) == message
    assert (f"#id_{field}", message) in error_summary(response)
    if "\u202e" not in typed:
        assert kept(response, field) == typed
    if field != "full_name":
        assert kept(response, "full_name") == "María Núñez"
    assert not CallbackRequest.objects.exists()


def test_a_zip_code_outside_the_area_names_the_counties_in_spanish(client):
    """The kind outside-the-area message, its counties joined with “y”, and the phone number."""
    response = post(client, zip_code="02108")
    message = field_error(response, "zip_code")
    assert message.startswith(
        "Lo sentimos, solo podemos recibir solicitudes de llamada de nuestra zona de servicio."
    )
    assert (
        "Es decir: los condados de Berkshire, Franklin, Hampden y Hampshire en Massachusetts; "
        "los condados de Hartford, Litchfield, Tolland y Windham en Connecticut."
    ) in message
    assert "Por favor, llámenos al 413-693-2852" in message
    assert kept(response, "zip_code") == "02108"


def test_another_language_without_saying_which_is_asked_in_spanish(client):
    """“Otro idioma” with the box empty: a plain Spanish message on that box."""
    response = post(client, call_language="other", call_language_other="   ")
    assert field_error(response, "call_language_other") == (
        "Escriba qué idioma debemos hablar, por ejemplo portugués"
    )
    assert not CallbackRequest.objects.exists()


def test_a_form_sent_too_fast_says_so_in_spanish(client, settings):
    """Sent quicker than a person could: the Spanish message, and a fresh token to send again."""
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    response = post(client, form_token=token_for())
    assert error_summary(response)[0][1] == (
        "Eso fue más rápido de lo que esperábamos. Por favor, revise sus datos y luego oprima "
        "Enviar otra vez."
    )
    assert kept(response, "full_name") == "Maria Lopez"
    assert not CallbackRequest.objects.exists()


def test_an_expired_form_says_so_in_spanish(client):
    """A form opened two days ago: the Spanish message, what was typed kept."""
    old = form_tokens.issue(browser=TEST_BROWSER, now=time.time() - 2 * 86400)
    response = post(client, form_token=old, full_name="María Núñez")
    assert error_summary(response)[0][1] == (
        "Esta página ya venció porque estuvo abierta mucho tiempo. Por favor, revise sus datos "
        "y oprima Enviar otra vez."
    )
    assert kept(response, "full_name") == "María Núñez"
    assert not CallbackRequest.objects.exists()


def test_the_rate_limited_page_is_in_spanish_with_when_to_try_again(client, settings):
    """Over the limit from the Spanish form: a Spanish 429 page, “una hora” in words."""
    settings.CALLBACK_RATE_LIMIT = "1/h"
    assert post(client).status_code == 302
    response = post(client, phone="413-555-0199")
    assert response.status_code == 429
    page = form_page(response)
    assert page.h1.get_text(strip=True) == "Por favor, llámenos"
    text = page.main.get_text(" ", strip=True)
    assert "También puede volver a usar el formulario en una hora." in text
    assert "413-693-2852" in text
    assert page.title.get_text().startswith("Demasiadas solicitudes: ")


def test_the_english_form_stays_in_english(client):
    """The English address keeps its English words and posts to itself."""
    page = form_page(client.get(FORM_URL))
    assert page.h1.get_text(strip=True) == "Request a callback"
    assert page.select_one("form.callback-form")["action"] == FORM_URL
    assert page.select_one("button[type=submit]").get_text(strip=True) == "Send my request"
    response = client.post(FORM_URL, good_answers())
    assert response["Location"] == FORM_URL + "received/"
    assert CallbackRequest.objects.get().page_language == "en"


def test_no_english_words_are_left_on_the_spanish_form(client):
    """Every label, legend, hint, choice, note and button of the English form reads differently
    on the Spanish one (only “No” is the same word in both)."""
    selectors = "form.callback-form :is(label, legend, .field__hint, option, .form-note, button)"

    def texts(url):
        return [e.get_text(" ", strip=True) for e in form_page(client.get(url)).select(selectors)]

    english, spanish = texts(FORM_URL), texts(SPANISH_FORM)
    assert len(english) == len(spanish) > 20
    same = [text for text, other in zip(english, spanish, strict=True) if text == other]
    assert same == ["No"]
