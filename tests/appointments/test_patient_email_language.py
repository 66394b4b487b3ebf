"""The patient's confirmation email goes out in the language of the form they used, sent by the
real task worker to a real SMTP server on loopback; the staff email stays English and bare."""

from django.utils import translation

from appointments.models import CallbackRequest
from tests.appointments.helpers import (
    PATIENT,
    email_text,
    good_answers,
    leaked_details,
    run_worker,
)
from tests.helpers import real_commits
from tests.local_site import FORM_URL

STAFF = "front-desk@clinic.example"
SPANISH_FORM = "/es" + FORM_URL


def send_and_deliver(client, smtp_server, url: str) -> tuple[CallbackRequest, dict]:
    """Send the form at `url` with an email address, run the worker: both emails, by kind."""
    response = client.post(url, good_answers(**PATIENT))
    assert response.status_code == 302
    callback_request = CallbackRequest.objects.get()
    run_worker()
    messages = smtp_server.inbox.wait_for(2)
    by_kind = {
        "staff": next(m for m in messages if m["X-Envelope-To"] == STAFF),
        "patient": next(m for m in messages if m["X-Envelope-To"] == PATIENT["email"]),
    }
    return callback_request, by_kind


@real_commits
def test_a_spanish_form_gets_a_spanish_confirmation(port_placement, client, smtp_server):
    """Sent from /es/: subject and body in Spanish, with the reference and the clinic's phone."""
    callback_request, emails = send_and_deliver(client, smtp_server, SPANISH_FORM)
    assert callback_request.page_language == "es"
    patient = emails["patient"]
    assert patient["Subject"] == f"Recibimos su solicitud de llamada ({callback_request.reference})"
    body = patient.get_payload(decode=True).decode()
    assert body.startswith("Gracias. Recibimos su solicitud para que le llamemos.")
    assert f"Su número de referencia es {callback_request.reference}." in body
    assert "Le llamaremos dentro de un día laborable (de lunes a viernes), desde el" in body
    assert "En una emergencia, llame al 911." in body
    assert "We got your" not in body and "Thank you" not in body


@real_commits
def test_an_english_form_gets_an_english_confirmation_whatever_the_worker_had_on(
    port_placement, client, smtp_server
):
    """Sent from the English address: English, even when the worker's thread last spoke Spanish
    (the email's language comes from the request, not from whatever was active)."""
    response = client.post(FORM_URL, good_answers(**PATIENT))
    assert response.status_code == 302
    callback_request = CallbackRequest.objects.get()
    with translation.override("es"):
        run_worker()
    messages = smtp_server.inbox.wait_for(2)
    patient = next(m for m in messages if m["X-Envelope-To"] == PATIENT["email"])
    assert patient["Subject"] == f"We got your callback request ({callback_request.reference})"
    body = patient.get_payload(decode=True).decode()
    assert body.startswith("Thank you. We got your request for a call back.")
    assert "Gracias" not in body
    staff = next(m for m in messages if m["X-Envelope-To"] == STAFF)
    assert staff["Subject"] == f"New callback request {callback_request.reference}"
    assert leaked_details(email_text(staff)) == []


@real_commits
def test_the_staff_email_of_a_spanish_form_is_english_with_no_patient_details(
    port_placement, client, smtp_server
):
    """A Spanish request still gives staff the bare English alert: no name, number, ZIP,
    procedure, and not the language either."""
    callback_request, emails = send_and_deliver(client, smtp_server, SPANISH_FORM)
    text = email_text(emails["staff"])
    assert emails["staff"]["Subject"] == f"New callback request {callback_request.reference}"
    assert text.split("\n\n", 1)[1].startswith("A patient has asked us to call them back.")
    assert leaked_details(text) == []
    for word in ("Spanish", "Español", "interpreter", "intérprete"):
        assert word.lower() not in text.lower()
