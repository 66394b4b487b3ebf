"""Whatever a client sends that cannot be read gets a 4xx page in plain words, never a 500,
and one warning line in the log, never an ERROR or a traceback."""

import io
import logging
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from appointments.models import CallbackRequest, Notification
from tests.appointments.helpers import good_answers
from tests.factories import make_staff_user, sign_in
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"


@contextmanager
def site_log():
    """What the site's console log handler writes while the block runs (a StringIO)."""
    handlers = {h for name in ("", "django") for h in logging.getLogger(name).handlers}
    console = [h for h in handlers if type(h) is logging.StreamHandler]
    assert console, "the site logs to a console handler"
    written = io.StringIO()
    old = [h.setStream(written) for h in console]
    try:
        yield written
    finally:
        for handler, stream in zip(console, old, strict=True):
            handler.setStream(stream)


def patient_with_form():
    """A browser that loaded the form, with the CSRF check on as in production."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(FORM_URL)
    return client, client.cookies["csrftoken"].value


def send(client, body: bytes, content_type: str, csrf: str, path: str = FORM_URL):
    return client.generic("POST", path, body, content_type=content_type, HTTP_X_CSRFTOKEN=csrf)


def answers(csrf: str, **overrides) -> dict:
    return good_answers(csrfmiddlewaretoken=csrf, **overrides)


def assert_plain_refusal(response, status=400):
    assert response.status_code == status
    html = response.content.decode()
    assert "We could not read what was sent" in html
    assert "nothing was saved" in html
    assert 'href="tel:+14136932852"' in html
    assert CallbackRequest.objects.count() == 0
    assert Notification.objects.count() == 0


def assert_one_warning_line(log: io.StringIO):
    text = log.getvalue()
    assert "ERROR" not in text
    assert "Traceback" not in text
    assert text.count("WARNING") == 1, text


@pytest.mark.parametrize(
    "charset,encoding",
    [("latin-1", "latin-1"), ("iso-8859-1", "latin-1"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_a_form_declared_in_another_charset_is_a_plain_400(charset, encoding):
    """A valid CSRF token and a body in latin-1 or utf-16: 400 in plain words, not a 500."""
    client, csrf = patient_with_form()
    body = urlencode(answers(csrf, full_name="José Núñez")).encode(encoding)
    with site_log() as log:
        response = send(client, body, f"{URLENCODED}; charset={charset}", csrf)
    assert_plain_refusal(response)
    assert_one_warning_line(log)


def test_a_multipart_body_without_its_boundary_is_a_plain_400():
    """multipart/form-data with no boundary cannot be read: 400, one warning line."""
    client, csrf = patient_with_form()
    with site_log() as log:
        response = send(client, b"--x\r\ngarbage", "multipart/form-data", csrf)
    assert_plain_refusal(response)
    assert_one_warning_line(log)


def test_a_broken_multipart_body_is_no_500():
    """Multipart bodies cut short, with a part lacking its name, or with junk: never a 5xx nor
    an ERROR; a request is saved only with every answer whole."""
    client, csrf = patient_with_form()
    parts = [
        f'--xyz\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in {"csrfmiddlewaretoken": csrf, **answers(csrf)}.items()
    ]
    body = b"".join(parts)
    broken = [
        body[: len(body) // 2],  # cut in the middle of a part
        body + b"--xyz",  # no closing "--xyz--"
        b"--xyz\r\nContent-Disposition: form-data\r\n\r\nMaria\r\n--xyz--",  # no name
        b"--xyz\r\n\r\n\r\n--xyz--",  # no headers at all
        b"\x00\xff" * 50,  # not multipart at all
    ]
    for cut in broken:
        with site_log() as log:
            response = send(client, cut, "multipart/form-data; boundary=xyz", csrf)
        assert response.status_code < 500
        assert "ERROR" not in log.getvalue()
    for saved in CallbackRequest.objects.all():
        assert (saved.full_name, saved.zip_code) == ("Maria Lopez", "01103")


def test_too_many_fields_is_a_plain_400(settings):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: 400, a warning, not an ERROR."""
    client, csrf = patient_with_form()
    body = urlencode(answers(csrf)).encode() + b"&extra=1" * settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    with site_log() as log:
        response = send(client, body, URLENCODED, csrf)
    assert_plain_refusal(response)
    assert_one_warning_line(log)


def test_a_body_too_large_is_a_plain_413(settings):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 Content Too Large, same plain page."""
    client, csrf = patient_with_form()
    padding = b"&website2=" + b"a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    with site_log() as log:
        response = send(client, urlencode(answers(csrf)).encode() + padding, URLENCODED, csrf)
    assert_plain_refusal(response, status=413)
    assert_one_warning_line(log)


def test_a_host_the_site_does_not_serve_is_a_plain_400():
    """A Host header not in ALLOWED_HOSTS: 400 in plain words, one warning line."""
    client = Client(raise_request_exception=False)
    with site_log() as log:
        response = client.get(FORM_URL, HTTP_HOST="attacker.example")
    assert_plain_refusal(response)
    assert_one_warning_line(log)


def test_the_400_page_has_no_canonical_address():
    """The 400 page is no page's address: no canonical link, no og:url."""
    client, csrf = patient_with_form()
    response = send(client, b"a=1", f"{URLENCODED}; charset=utf-16", csrf)
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert "og:url" not in html


def test_a_400_in_the_staff_site_is_in_the_staff_frame():
    """A front-desk form the site cannot read: the staff page in plain words, still signed in."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    sign_in(client, make_staff_user("desk", groups=["Front desk"]))
    url = reverse("admin:appointments_callbackrequest_changelist")
    client.get(url)
    csrf = client.cookies["csrftoken"].value
    with site_log() as log:
        response = send(client, b"action=x", f"{URLENCODED}; charset=latin-1", csrf, path=url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>We could not read what was sent</h1>" in html
    assert "nothing was saved" in html
    assert 'id="user-tools"' in html
    assert_one_warning_line(log)


@pytest.mark.parametrize(
    "query",
    ["full_name=%ff%fe", "a=%C0%80", "%ff=1", "q=%ED%A0%80", "p=%00", "a=%", "a=%zz"],
)
def test_invalid_percent_encoded_bytes_in_the_query_string_are_no_500(query):
    """Invalid UTF-8, overlong and surrogate encodings, NUL and broken escapes: no 5xx."""
    client = Client(raise_request_exception=False)
    for path in (FORM_URL, "/", "/procedures/", "/no-such-page/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query)


@pytest.mark.parametrize(
    "query", ["q=%00", "status__exact=%00", "q=Maria%00Lopez", "%00=1", "p=1&o=%00"]
)
def test_a_nul_in_the_query_string_is_a_plain_400(query):
    """%00 in any address (the front desk's filters went into a query, which PostgreSQL
    cannot run with NUL: a 500): refused at once with the plain page, one warning line."""
    client = sign_in(Client(raise_request_exception=False), make_staff_user("desk"))
    for path in ("/", reverse("admin:appointments_callbackrequest_changelist")):
        with site_log() as log:
            response = client.get(f"{path}?{query}")
        assert_plain_refusal(response)
        assert_one_warning_line(log)


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages", "anything"])
def test_a_nul_in_a_cookie_is_a_plain_400(cookie):
    """A cookie holding NUL (as an escaped \\000; a session key with it was looked up on every
    page, a 500 on PostgreSQL): refused with the plain page."""
    client = Client(raise_request_exception=False)
    client.cookies[cookie] = "abcdefgh\x00ijkl"
    for path in ("/", FORM_URL, "/admin/"):
        with site_log() as log:
            response = client.get(path)
        assert_plain_refusal(response)
        assert_one_warning_line(log)
