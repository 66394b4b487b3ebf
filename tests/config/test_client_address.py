"""Which address a request comes from: the one the proxy appended, only behind our proxy."""

import pytest
from django.test import RequestFactory

from config.client_address import client_address


@pytest.mark.parametrize(
    ("forwarded_for", "counted_as"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # The client may send its own header; the proxy appends the address it saw.
        ("10.9.9.9, 203.0.113.50", "203.0.113.50"),
        ("1.1.1.1,198.51.100.7", "198.51.100.7"),
        ("", "127.0.0.1"),  # no header: the connection's address
    ],
)
def test_behind_a_proxy_the_address_it_appended_is_the_client(settings, forwarded_for, counted_as):
    """With BEHIND_PROXY on, the last X-Forwarded-For entry (set by our proxy) counts."""
    settings.BEHIND_PROXY = True
    request = RequestFactory().post(
        "/request-a-callback/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
    )
    assert client_address(request) == counted_as


def test_without_a_proxy_x_forwarded_for_is_ignored(settings):
    """With BEHIND_PROXY off, anyone could write the header, so the connection's address counts."""
    settings.BEHIND_PROXY = False
    request = RequestFactory().post(
        "/request-a-callback/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert client_address(request) == "203.0.113.5"
