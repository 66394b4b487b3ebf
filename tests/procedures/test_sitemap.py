"""/sitemap.xml and /robots.txt."""

import pytest

from procedures.models import Procedure
from tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_procedures_and_public_pages_only(client):
    """Drafts never reach search engines; addresses use SITE_URL."""
    make_procedure(slug="published-page")
    make_procedure(slug="draft-page", status=Procedure.Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>https://clinic.example/procedures/published-page/</loc>" in xml
    assert "<loc>https://clinic.example/</loc>" in xml
    assert "<loc>https://clinic.example/procedures/</loc>" in xml
    assert "draft-page" not in xml


def test_sitemap_ignores_the_host_header(client):
    """A forged Host header cannot put another site's address in the sitemap."""
    make_procedure(slug="published-page")
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert "https://clinic.example/procedures/published-page/" in xml
    assert "localhost" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    """Crawlers are told where the sitemap is and to stay out of staff pages."""
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: https://clinic.example/sitemap.xml" in text


def test_sitemap_lists_every_page_in_both_languages_with_hreflang_alternates(client):
    """Search engines learn the Spanish address of each page and that the two belong together."""
    make_procedure(slug="port")
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/procedures/port/", "/", "/procedures/", "/request-a-callback/"]:
        assert f"<loc>https://clinic.example{path}</loc>" in xml
        assert f"<loc>https://clinic.example/es{path}</loc>" in xml
        assert (
            f'<xhtml:link rel="alternate" hreflang="es" href="https://clinic.example/es{path}"/>'
            in xml
        )
        assert (
            f'<xhtml:link rel="alternate" hreflang="x-default" href="https://clinic.example{path}"/>'
            in xml
        )
