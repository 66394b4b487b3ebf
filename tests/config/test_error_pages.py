"""The branded error pages and the project's own consistency checks."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from config import urls
from config.views import server_error


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
