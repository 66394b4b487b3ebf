"""Which language a page is in: its address alone, and the browser's wish only on the home page."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from tests.factories import make_procedure

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = "es-PR,es;q=0.9,en;q=0.5"


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


@pytest.mark.parametrize(
    "path", ["/", "/procedures/", "/request-a-callback/", "/language-help/", "/no-such-page/"]
)
def test_english_pages_keep_their_addresses_and_say_lang_en(client, path):
    """Saved links to today's addresses still open, in English, whatever the browser prefers
    (except the home page, below)."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US" if path == "/" else SPANISH_BROWSER)
    assert response.status_code in (200, 404)
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    "path",
    ["/es/", "/es/procedures/", "/es/request-a-callback/", "/es/language-help/", "/es/nada/"],
)
def test_spanish_pages_live_under_es_and_say_lang_es(client, path):
    """The same page under /es/ is in Spanish, even for a browser that prefers English."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code in (200, 404)
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"


def test_a_shared_spanish_link_is_never_redirected(client):
    """A deep link opens in the language it was shared in: no redirect for an English browser."""
    make_procedure(slug="port", title_es="Puerto")
    response = client.get("/es/procedures/port/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 200
    assert b"Puerto" in response.content


def test_a_shared_english_link_is_never_redirected_for_a_spanish_browser(client):
    make_procedure(slug="port")
    response = client.get("/procedures/port/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_a_browser_that_prefers_spanish_arriving_at_the_home_page_is_sent_to_es(client):
    """First visit: the home page honours Accept-Language; the redirect is never cached."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert "no-store" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_the_home_page_redirect_follows_the_browsers_order_of_preference(client):
    """English first, Spanish second: the English home page, which says it varies."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,es;q=0.8")
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").status_code == 200


def test_following_the_english_link_from_a_spanish_page_stays_in_english(client):
    """The site's own “English” link (Referer from this site) is a choice the site honours."""
    response = client.get(
        "/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER, HTTP_REFERER="https://clinic.example/es/"
    )
    assert response.status_code == 200
    assert html_lang(response) == "en"
    # This English answer is for this browser only: no shared cache may give it to the next
    # Spanish-preferring visitor, who must be sent on.
    assert "private" in response["Cache-Control"]


def test_a_referer_from_another_site_is_still_a_first_visit(client):
    response = client.get(
        "/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER, HTTP_REFERER="https://search.example/?q=port"
    )
    assert response.status_code == 302


def test_a_spanish_browser_gets_the_spanish_home_even_when_the_english_one_is_cached(client):
    """The redirect is decided before the page cache answers."""
    client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")  # the English home is now cached
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert response.status_code == 302


def test_a_spanish_request_leaves_the_language_as_it_found_it(client):
    """The page's language is on only for its own request (the thread's next work is English)."""
    with translation.override("en"):
        client.get("/es/")
        assert translation.get_language() == "en"


def test_the_language_link_goes_to_the_same_page_in_the_other_language(client):
    make_procedure(slug="port", title_es="Puerto")
    english = BeautifulSoup(client.get("/procedures/port/").content, "html.parser")
    link = english.select_one("a.language-link")
    assert (link["href"], link["lang"], link["hreflang"], link.text) == (
        "/es/procedures/port/",
        "es",
        "es",
        "Español",
    )
    spanish = BeautifulSoup(client.get("/es/procedures/port/").content, "html.parser")
    link = spanish.select_one("a.language-link")
    assert (link["href"], link["lang"], link.text) == ("/procedures/port/", "en", "English")


@pytest.mark.parametrize("path", ["/procedures/", "/es/procedures/"])
def test_every_page_names_both_languages_addresses_as_hreflang_alternates(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "en": "https://clinic.example/procedures/",
        "es": "https://clinic.example/es/procedures/",
        "x-default": "https://clinic.example/procedures/",
    }
    canonical = soup.select_one("link[rel=canonical]")["href"]
    assert canonical == "https://clinic.example" + path
    locale = soup.select_one("meta[property='og:locale']")["content"]
    assert locale == ("es_US" if path.startswith("/es/") else "en_US")


def test_the_spanish_404_page_is_in_spanish_and_links_to_the_spanish_home(client):
    """An error page repeats nothing of the address asked for; its language link goes home."""
    response = client.get("/es/no-existe-xq7/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == "No encontramos esa página"
    assert soup.select_one("a.language-link")["href"] == "/"
    assert "no-existe-xq7" not in response.content.decode()
    assert not soup.select("link[rel=alternate][hreflang]")
