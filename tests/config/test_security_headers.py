"""Every answer, public or staff, carries the site's security headers.

Content-Security-Policy (nothing from another origin, no inline script or
style), Permissions-Policy (browser features the site never uses turned off),
Cross-Origin-Opener-Policy, Referrer-Policy, X-Content-Type-Options and
X-Frame-Options.
"""

import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from tests import local_site
from tests.appointments.helpers import good_answers, opened_the_form
from tests.factories import load_starter_content, make_staff_user, png_bytes, sign_in

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
FEATURES_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def assert_security_headers(response) -> None:
    assert response["Content-Security-Policy"] == CSP
    policy = dict(part.split("=", 1) for part in response["Permissions-Policy"].split(", "))
    for feature in FEATURES_OFF:
        assert policy[feature] == "()", feature
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/procedures/",
        "/procedures/port-placement/",
        "/request-a-callback/",
        "/no-such-page/",
        "/robots.txt",
        "/healthz",
    ],
)
def test_public_answers_carry_the_security_headers(client, path):
    """Patients' pages, rendered and then from the cache, and the 404 page."""
    load_starter_content()
    for _ in range(2):  # the second visit is served from the page cache
        assert_security_headers(client.get(path))


def test_a_sent_callback_form_and_its_confirmation_carry_them(client):
    """The confirmation page and the redirect to it."""
    sent = opened_the_form(client).post("/request-a-callback/", good_answers())
    assert sent.status_code == 302
    assert_security_headers(sent)
    assert_security_headers(client.get(sent["Location"]))


def test_the_staff_sign_in_pages_carry_them(client):
    """The sign-in pages, before anyone is signed in."""
    assert_security_headers(client.get(reverse("admin:login")))
    assert_security_headers(client.get(reverse("admin:index")))  # the redirect to sign in


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:appointments_callbackrequest_changelist",
        "admin:backup_codes",
        "admin:auth_user_changelist",
    ],
)
def test_staff_pages_carry_them(client, name):
    """Signed-in staff pages, where patients' details are shown."""
    sign_in(client, make_staff_user("boss", superuser=True))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_real_stack_sends_them_for_static_files_too(tmp_path):
    """On gunicorn and whitenoise, as `make run` serves: static files carry the headers too,
    and uploaded pictures are not served by Django (the proxy serves them)."""
    env = local_site.site_environment(tmp_path, local_site.free_port())
    local_site.prepare(env)
    (tmp_path / "media" / "sections").mkdir(parents=True)
    (tmp_path / "media" / "sections" / "picture.png").write_bytes(png_bytes())
    with local_site.running_site(env) as base:
        for path in ("/", "/static/css/site.css", "/admin/login/"):
            with urllib.request.urlopen(base + path, timeout=20) as response:
                headers = response.headers
                assert headers["X-Content-Type-Options"] == "nosniff", path
                assert "camera=()" in headers["Permissions-Policy"], path
                assert headers["Referrer-Policy"] == "same-origin", path
                if path != "/static/css/site.css":
                    assert headers["Content-Security-Policy"] == CSP, path
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/media/sections/picture.png", timeout=20)
        assert refused.value.code == 404
