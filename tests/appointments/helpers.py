"""Helpers for callback requests' tests: a real SMTP server on loopback, the task worker,
form posts and answers, and the patient whose details must not leak."""

import asyncio
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse

from appointments import form_tokens
from tests.factories import make_staff_user, sign_in
from tests.local_site import free_port

SMTP_BACKEND = "config.smtp.EmailBackend"  # as EMAIL_URL's smtp:// chooses


@dataclass
class Inbox:
    """Messages the loopback SMTP server received.

    With a delay, the server keeps each message as soon as it has it all, then
    takes that many seconds to answer, as a slow server does (a client that gives
    up meanwhile still leaves the message delivered). Connections are served at once.
    """

    messages: list[Message] = field(default_factory=list)
    delay: float = 0

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 10) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


class SmtpServer:
    """aiosmtpd on 127.0.0.1 at a fixed port, which tests can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def mailer_pointed_at(settings, server: SmtpServer, timeout: float = 5) -> SmtpServer:
    settings.MAILERS = {
        "default": {
            "BACKEND": SMTP_BACKEND,
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": timeout},
        }
    }
    return server


class BrokenMailer(BaseEmailBackend):
    """A mail backend with a bug: it fails with an error no SMTP code path expects.

    Its message holds the patient's address, as a careless library's might.
    """

    def send_messages(self, email_messages):
        raise ValueError(f"cannot encode {email_messages[0].to}")


def run_worker() -> None:
    """One pass of the real task worker: run every task that is due, then return."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


# One patient, as they typed their answers, and every way their details could show
# up where they must not (an email, a log line, an address). Tests that look for a
# leak post PATIENT (with the procedure PROCEDURE_SLUG published) and look for
# PATIENT_DETAILS.
PROCEDURE_TITLE = "Port placement for chemotherapy"  # as in the starter content
PROCEDURE_SLUG = "port-placement"
PATIENT = {
    "full_name": "Maria Lopez",
    "phone": "(413) 555-0123",
    "zip_code": "01103",
    "email": "maria.lopez@example.org",
    "procedure": PROCEDURE_SLUG,
}
PATIENT_DETAILS = [
    "Maria",
    "Lopez",
    "+14135550123",  # E.164, as stored
    "(413) 555-0123",  # national, as shown
    "413-555-0123",
    "413.555.0123",
    "4135550123",  # digits only
    "555-0123",
    "5550123",
    "01103",
    "Springfield",  # the town, found from the ZIP code
    "maria.lopez@example.org",
    "maria.lopez",
    PROCEDURE_TITLE,
    "Port placement",
    "chemotherapy",
]


def leaked_details(text: str) -> list[str]:
    """The patient's details found in text (in any letter case); empty when none leaked."""
    lowered = text.lower()
    return [detail for detail in PATIENT_DETAILS if detail.lower() in lowered]


# Headers that name the recipient (the patient's own address, on their confirmation)
# or that are random (a Message-ID could hold the digits of a ZIP code by chance).
HEADERS_NOT_CHECKED = {"to", "x-envelope-to", "message-id"}


def email_text(message: Message) -> str:
    """An email as a reader sees it: subject and every header but To, then the body."""
    headers = "\n".join(
        f"{name}: {value}"
        for name, value in message.items()
        if name.lower() not in HEADERS_NOT_CHECKED
    )
    return headers + "\n\n" + message.get_payload(decode=True).decode()


def login(client, group: str):
    """The client, logged in as a new member of the group (client.user)."""
    user = make_staff_user(group.lower().replace(" ", ""), groups=[group])
    sign_in(client, user)
    client.user = user
    return client


# The browser key in the session of a test client that has opened the form
# (opened_the_form): form tokens made by good_answers() are bound to it, as the
# form's own tokens are bound to the browser they were shown in.
TEST_BROWSER = "test-browser"


def opened_the_form(client, browser: str = TEST_BROWSER):
    """The client as a browser that has been shown the form: its session holds `browser`."""
    session = client.session  # a new session, and its cookie, if the client had none
    session[form_tokens.SESSION_BROWSER_KEY] = browser
    session.save()
    return client


def token_for(browser: str = TEST_BROWSER, **issue_options) -> str:
    """A form token as the form would issue it to the browser whose key is `browser`."""
    return form_tokens.issue(browser=browser, **issue_options)


def good_answers(**overrides) -> dict:
    """What a patient in Springfield, MA might type, with a token for the test browser."""
    return {
        "full_name": "Maria Lopez",
        "phone": "(413) 555-0123",
        "zip_code": "01103",
        "procedure": "not-sure",
        "best_time": "weekday_morning",
        "call_language": "en",
        "call_language_other": "",
        "needs_interpreter": "no",
        "email": "",
        "consent_to_call": "on",
        "website": "",
        "form_token": token_for(),
        **overrides,
    }


def another_patient(n: int, **overrides) -> dict:
    """Good answers from patient number n (0-99): their own name and phone number.

    One browser sending the same phone number twice within minutes is taken as the
    same request sent again, so tests that need several requests use several patients.
    """
    return good_answers(
        **{"full_name": f"Patient {n}", "phone": f"(413) 555-01{n:02d}"} | overrides
    )


def change_form(client, callback_request, **changes):
    """Save a request's page in the admin as the front desk would, with these changes."""
    url = reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])
    data = {
        "status": callback_request.status,
        "assigned_to": "",
        "full_name": callback_request.full_name,
        "phone": str(callback_request.phone.as_e164),
        "call_attempts-TOTAL_FORMS": "0",
        "call_attempts-INITIAL_FORMS": "0",
        "notifications-TOTAL_FORMS": "0",
        "notifications-INITIAL_FORMS": "0",
    }
    data |= changes
    return client.post(url, data)


def form_page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response) -> list[tuple[str, str]]:
    """(link target, message) for each entry of the “There is a problem” box."""
    summary = form_page(response).select_one(".error-summary")
    if summary is None:
        return []
    return [(a["href"], a.get_text(" ", strip=True)) for a in summary.select("a")]


def field_error(response, name: str) -> str:
    error = form_page(response).find(id=f"id_{name}_error")
    return error.get_text(" ", strip=True).removeprefix("Error:").strip() if error else ""
