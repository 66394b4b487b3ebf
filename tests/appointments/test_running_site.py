"""The real stack, as `make run` starts it: gunicorn workers, the task worker, an SMTP server.

These prove what a single test process cannot: the rate limit holds across
separate gunicorn worker processes (each worker here is replaced after every
request, so nothing can be remembered in one process's memory), and a request
sent through the site reaches staff by email through the real worker process.
The site gets its own data folder and database (SQLite, or a scratch
PostgreSQL database when DATABASE_URL points at PostgreSQL).
"""

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import dj_database_url
import pytest

from tests import local_site
from tests.appointments.conftest import (
    FORM_URL,
    PATIENT,
    SmtpServer,
    email_text,
    leaked_details,
)
from tests.local_site import free_port, manage, site_environment


@pytest.fixture
def scratch_database_url():
    """A throw-away database for the running site, of the same kind the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"neec_site_{uuid.uuid4().hex[:8]}"
    admin = dict(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
        autocommit=True,
    )
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_starter_content")  # the procedure PATIENT asks about
    manage(env, "collectstatic", "--noinput", "-v0")
    with local_site.running_site(env, "--workers", "2", "--max-requests", "1") as base:
        yield base, smtp
    smtp.stop()


class Browser:
    """Just enough of a browser: cookies, and no following of redirects."""

    def __init__(self, base: str):
        self.base = base
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(cookies, NoRedirect)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=20) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path, "Origin": self.base}
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def send_callback_request(self, **answers) -> int:
        page = self.get(FORM_URL)
        hidden = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', page))
        return self.post(
            FORM_URL,
            {
                **PATIENT,
                "best_time": "any_time",
                "consent_to_call": "on",
                "website": "",
                **hidden,
                **answers,
            },
        )


def test_requests_through_the_real_stack_are_limited_and_emailed(running_site):
    """Five requests pass and the sixth is refused, though no worker process served two;
    the five reach staff by email through the worker process, with no patient details."""
    base, smtp = running_site
    # Six patients (six browsers, six sessions) behind one address.
    statuses = [Browser(base).send_callback_request() for _ in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 429]

    messages = smtp.inbox.wait_for(10, timeout=30)  # five to staff, five confirmations
    staff = [m for m in messages if m["X-Envelope-To"] == "front-desk@clinic.example"]
    assert len(staff) == 5
    for message in staff:
        text = email_text(message)
        assert message["Subject"].startswith("New callback request CB-")
        assert f"{base}/admin/appointments/callbackrequest/" in text
        assert leaked_details(text) == [], "patient details leaked into a staff email"
