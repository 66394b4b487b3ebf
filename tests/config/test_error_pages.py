"""The branded error pages and the project's own consistency checks."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from config import urls
from config.views import server_error
from tests.factories import make_staff_user, sign_in


@pytest.mark.django_db
def test_the_404_page_is_branded_and_offers_a_way_on(client):
    """A wrong address gets the clinic's page with links home and a phone number."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find that page" in html
    assert 'href="tel:+14136932852"' in html


@pytest.mark.django_db
def test_the_500_page_is_branded_and_gives_the_phone_number():
    """When the site fails, patients still get the clinic's number."""
    assert urls.handler500 == "config.views.server_error"
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "413-693-2852" in html


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """No model change is missing its migration."""
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_favicon_ico_leads_to_the_sites_icon(client):
    """Browsers asking for /favicon.ico get the icon instead of a 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


@pytest.mark.django_db
def test_a_staff_page_the_account_may_not_open_says_why_and_what_to_do(client):
    """A 403 in the staff site is a page in plain words, in the staff site's frame."""
    sign_in(client, make_staff_user("editor", groups=["Content editors"]))
    response = client.get(reverse("admin:appointments_callbackrequest_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>You cannot open this page</h1>" in html
    assert "ask a superuser to add your account to the right group" in html
    assert 'id="user-tools"' in html  # still signed in, with the way out


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_gets_a_page_that_says_what_to_do():
    """CSRF failure: not Django's bare 403 but the clinic's page: reload, send again, or call."""
    response = Client(enforce_csrf_checks=True).post(
        "/request-a-callback/", {"full_name": "Maria Lopez"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page has expired" in html
    assert "Maria" not in html
    assert 'href="tel:+14136932852"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page-xq7/", "/procedures/no-such-page-xq7/"])
def test_the_404_page_never_repeats_the_address_asked_for(client, path):
    """No canonical link and no og:url on a 404: it is no page's address, and the address asked
    for (anything anyone typed or linked to) never comes back in the page."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "no-such-page-xq7" not in html
    assert 'rel="canonical"' not in html
    assert "og:url" not in html


@pytest.mark.django_db
def test_the_403_and_500_pages_have_no_canonical_address(client):
    """Like the 404, the other error pages name no address of their own."""
    pages = [
        client.get("/admin/procedures/procedure/no-such-xq7/preview/"),
        Client(enforce_csrf_checks=True).post("/request-a-callback/", {}),
        server_error(RequestFactory().get("/xq7/")),
    ]
    for response in pages:
        assert response.status_code in (302, 403, 500)
        html = response.content.decode()
        assert "xq7" not in html
        if response.status_code != 302:
            assert 'rel="canonical"' not in html
