"""At most CALLBACK_RATE_LIMIT forms from one client; the rest get a kind 429 page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from appointments.models import CallbackRequest, RateLimitWindow
from appointments.rate_limit import Rate, allow_callback_request, forget_old_windows
from tests.appointments.helpers import another_patient, form_page, good_answers, opened_the_form
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db


def test_the_sixth_form_in_an_hour_gets_the_429_page_with_the_phone_number(client):
    """Five requests an hour from one address are taken; the sixth is refused kindly."""
    for n in range(5):
        assert client.post(FORM_URL, another_patient(n)).status_code == 302
    response = client.post(FORM_URL, another_patient(6))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    page = form_page(response)
    assert page.h1.get_text() == "Please call us instead"
    assert page.main.find("a", href="tel:+14136932852")
    assert CallbackRequest.objects.count() == 5


def test_forms_with_mistakes_do_not_count(client):
    """A patient who mistypes five times is not locked out: only accepted forms count."""
    for _ in range(5):
        assert client.post(FORM_URL, good_answers(zip_code="99999")).status_code == 200
    for n in range(5):
        assert client.post(FORM_URL, another_patient(n)).status_code == 302
    assert client.post(FORM_URL, another_patient(5)).status_code == 429
    assert CallbackRequest.objects.count() == 5


def test_the_429_page_says_when_to_try_again_from_the_setting(client, settings):
    """“try the form again in an hour” follows CALLBACK_RATE_LIMIT's period."""
    for text, words in [
        ("0/s", "a second"),
        ("0/m", "a minute"),
        ("0/h", "an hour"),
        ("0/d", "a day"),
    ]:
        settings.CALLBACK_RATE_LIMIT = text
        page = form_page(client.post(FORM_URL, good_answers()))
        assert f"try the form again in {words}." in page.main.get_text(" ", strip=True), text


def test_the_limit_is_per_client_address():
    """One busy address does not block another."""
    busy = opened_the_form(Client(REMOTE_ADDR="203.0.113.5"))
    other = opened_the_form(Client(REMOTE_ADDR="203.0.113.6"))
    for n in range(5):
        busy.post(FORM_URL, another_patient(n))
    assert busy.post(FORM_URL, another_patient(5)).status_code == 429
    assert other.post(FORM_URL, another_patient(6)).status_code == 302


def test_the_limit_comes_from_the_setting(client, settings):
    """CALLBACK_RATE_LIMIT sets the number and the period."""
    settings.CALLBACK_RATE_LIMIT = "2/m"
    assert client.post(FORM_URL, another_patient(1)).status_code == 302
    assert client.post(FORM_URL, another_patient(2)).status_code == 302
    response = client.post(FORM_URL, another_patient(3))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_behind_a_proxy_patients_sharing_it_are_limited_separately(settings):
    """Every request comes from the proxy's address; each patient still has their own count."""
    settings.BEHIND_PROXY = True
    settings.CALLBACK_RATE_LIMIT = "1/h"
    busy = opened_the_form(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"))
    other = opened_the_form(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6"))
    assert busy.post(FORM_URL, good_answers()).status_code == 302
    assert busy.post(FORM_URL, another_patient(1)).status_code == 429
    assert other.post(FORM_URL, another_patient(2)).status_code == 302


def test_a_new_window_starts_fresh(settings):
    """Once the period has passed, the client may send again."""
    settings.CALLBACK_RATE_LIMIT = "1/h"
    request = RequestFactory().post(FORM_URL, REMOTE_ADDR="203.0.113.7")
    nine = datetime(2026, 11, 27, 9, 10, tzinfo=UTC)
    assert allow_callback_request(request, now=nine)
    assert not allow_callback_request(request, now=nine + timedelta(minutes=20))
    assert allow_callback_request(request, now=nine + timedelta(hours=1))


def test_client_addresses_are_never_stored():
    """Counts are kept under a keyed hash, not the address."""
    allow_callback_request(RequestFactory().post(FORM_URL, REMOTE_ADDR="203.0.113.8"))
    window = RateLimitWindow.objects.get()
    assert "203.0.113.8" not in window.client
    assert len(window.client) == 64


def test_counts_older_than_a_day_are_forgotten():
    """The daily purge drops old counts."""
    request = RequestFactory().post(FORM_URL, REMOTE_ADDR="203.0.113.9")
    allow_callback_request(request, now=datetime(2026, 11, 1, tzinfo=UTC))
    allow_callback_request(request, now=datetime(2026, 11, 27, tzinfo=UTC))
    assert forget_old_windows(now=datetime(2026, 11, 27, 12, tzinfo=UTC)) == 1
    assert RateLimitWindow.objects.count() == 1


@pytest.mark.parametrize("text", ["5", "five/h", "5/week", "5/h/m"])
def test_a_badly_written_limit_is_refused_in_plain_words(text):
    """A typo in CALLBACK_RATE_LIMIT says how to write it."""
    with pytest.raises(ImproperlyConfigured, match="must look like 5/h"):
        Rate.parse(text)
