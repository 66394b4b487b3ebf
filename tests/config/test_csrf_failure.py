"""A form sent without its security token: a page in plain words, the staff site's on /admin/,
with the staff member's own call note to copy when the form came from this site."""

import pytest
from django.test import Client
from django.urls import reverse

from appointments.models import CallAttempt
from tests.appointments.factories import make_callback_request

pytestmark = pytest.mark.django_db

NOTE = 'Call back after 4 <script>alert("x")</script>'
SITE = "http://testserver"


def save_without_token(*, origin: str | None = SITE, note: str = NOTE):
    """A request's page saved with cookies cleared: no session, no security token."""
    callback_request = make_callback_request()
    url = reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])
    headers = {"Origin": origin} if origin else {}
    data = {"status": "trying", "call_attempts-0-note": note, "call_attempts-0-outcome": "reached"}
    return Client(enforce_csrf_checks=True).post(url, data, headers=headers), url


def test_the_staff_page_says_what_happened_and_what_to_do():
    """Not Django's bare "CSRF verification failed" but the staff site's page: nothing saved,
    copy, open the page again, sign in, Save; nothing saved in fact."""
    response, url = save_without_token()
    assert response.status_code == 403
    html = response.content.decode()
    assert "CSRF" not in html
    assert "<h1>Your changes were not saved</h1>" in html
    assert 'id="site-name"' in html  # the staff site's header
    assert "sign in with your password and code" in html
    assert f'<a href="{url}">Open the page again</a>' in html
    assert not CallAttempt.objects.exists()
    assert "no-store" in response["Cache-Control"]


def test_the_call_note_sent_from_this_site_is_shown_escaped_to_copy():
    """The note comes back, escaped, in a read-only box with a label."""
    response, _ = save_without_token()
    html = response.content.decode()
    assert "Call back after 4 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert '<label for="typed-note-1">Call note (not saved)</label>' in html


@pytest.mark.parametrize("origin", [None, "https://elsewhere.example"])
def test_a_form_from_another_site_or_of_unknown_origin_puts_no_words_on_the_page(origin):
    """Without this site's Origin, the note is not shown (another site could choose it)."""
    response, _ = save_without_token(origin=origin)
    assert response.status_code == 403
    assert "Call back after 4" not in response.content.decode()
    assert "Your changes were not saved" in response.content.decode()


def test_the_patients_page_keeps_the_clinic_look_and_says_copy_first():
    """Elsewhere, the patient site's page: what was typed was not sent, copy it first."""
    response = Client(enforce_csrf_checks=True).post(
        "/request-a-callback/", {"full_name": "Maria Lopez"}, headers={"Origin": SITE}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "This page has expired" in html and "copy it first" in html
    assert "Maria" not in html
