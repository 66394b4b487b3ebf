"""Fixtures for callback requests: a real SMTP server on loopback, a signed-in front desk,
the procedure the patient asks about, and a client that has opened the form. The helpers
they use are in tests/appointments/helpers.py."""

import pytest

from tests.appointments.helpers import (
    PROCEDURE_SLUG,
    PROCEDURE_TITLE,
    SmtpServer,
    login,
    mailer_pointed_at,
    opened_the_form,
)
from tests.factories import make_procedure


@pytest.fixture
def smtp_server_down(settings):
    """The mailer points at a loopback port where nothing answers yet; start() brings it up."""
    server = mailer_pointed_at(settings, SmtpServer())
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_server_down):
    """A real SMTP server on loopback, with the site's mailer pointed at it."""
    smtp_server_down.start()
    return smtp_server_down


@pytest.fixture
def front_desk(client):
    """The test client, logged in as a member of the Front desk group (client.user)."""
    return login(client, "Front desk")


@pytest.fixture
def port_placement():
    """The published procedure PATIENT asks about."""
    return make_procedure(title=PROCEDURE_TITLE, slug=PROCEDURE_SLUG)


@pytest.fixture
def client(client):
    """The test client as a patient's browser that has opened the callback form, so the
    answers from good_answers() (with a token bound to it) can be posted straight away."""
    return opened_the_form(client)
