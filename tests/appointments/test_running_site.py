"""The real stack, as `make run` starts it: gunicorn workers, the task worker, an SMTP server.

These prove what a single test process cannot: the rate limit holds across
separate gunicorn worker processes (each worker here is replaced after every
request, so nothing can be remembered in one process's memory), and a request
sent through the site reaches staff by email through the real worker process.
The site gets its own data folder and database (SQLite, or a scratch
PostgreSQL database when DATABASE_URL points at PostgreSQL).
"""

import os

import pytest

from tests import local_site
from tests.appointments.helpers import PATIENT, SmtpServer, email_text, leaked_details
from tests.local_site import FORM_URL, Browser, free_port, site_environment


@pytest.fixture
def scratch_database_url():
    """A throw-away database for the running site, of the same kind the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    with local_site.scratch_database(url, "neec_site") as scratch_url:
        yield scratch_url


@pytest.fixture
def running_site(tmp_path, scratch_database_url):
    """The site's processes with SMTP on loopback; each gunicorn worker serves one request."""
    smtp = SmtpServer()
    smtp.start()
    env = site_environment(
        tmp_path,
        free_port(),
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        CALLBACK_MIN_FILL_SECONDS="0",
        CALLBACK_RATE_LIMIT="5/h",
        **({"DATABASE_URL": scratch_database_url} if scratch_database_url else {}),
    )
    local_site.prepare(env)  # the starter content has the procedure PATIENT asks about
    with local_site.running_site(env, "--workers", "2", "--max-requests", "1") as base:
        yield base, smtp
    smtp.stop()


def test_requests_through_the_real_stack_are_limited_and_emailed(running_site):
    """Five requests pass and the sixth is refused, though no worker process served two;
    the five reach staff by email through the worker process, with no patient details."""
    base, smtp = running_site
    # Six patients (six browsers, six sessions) behind one address.
    answers = PATIENT | {
        "best_time": "any_time",
        "call_language": "en",
        "needs_interpreter": "no",
        "consent_to_call": "on",
        "website": "",
    }
    statuses = [Browser(base).send_form(FORM_URL, answers).status for _ in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 429]

    messages = smtp.inbox.wait_for(10, timeout=30)  # five to staff, five confirmations
    staff = [m for m in messages if m["X-Envelope-To"] == "front-desk@clinic.example"]
    assert len(staff) == 5
    for message in staff:
        text = email_text(message)
        assert message["Subject"].startswith("New callback request CB-")
        assert f"{base}/admin/appointments/callbackrequest/" in text
        assert leaked_details(text) == [], "patient details leaked into a staff email"
