"""The language help page: free interpreters by phone, said in English, Spanish and more.

English and Spanish come from the page's own translated text, on both addresses; editors add
more languages in the admin, each shown in its own language (lang, and dir for a language
written right to left).
"""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from procedures.models import LanguageHelpNotice

pytestmark = pytest.mark.django_db

ENGLISH_SENTENCE = "Free interpreters are available by phone, at no cost to you."
SPANISH_SENTENCE = "Tenemos intérpretes gratis por teléfono. Usted no paga nada."
TEL = "tel:+14136932852"
ADD = reverse("admin:procedures_languagehelpnotice_add")


def blocks(response) -> list:
    """Each language's block of the page, in order."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select("main .language-help")


def add_notice(language: str, name: str, sentence: str, position: int = 0) -> LanguageHelpNotice:
    notice = LanguageHelpNotice(language=language, name=name, sentence=sentence, position=position)
    notice.full_clean()
    notice.save()
    return notice


def notice_form(**overrides) -> dict:
    values = {
        "language": "pt",
        "name": "Português",
        "sentence": "Temos intérpretes grátis por telefone.",
        "position": "10",
    }
    return values | overrides


def field_errors(response, field: str) -> str:
    form = response.context["adminform"].form
    return " ".join(form.errors.get(field, []))


@pytest.mark.parametrize(
    ("url", "first", "second"),
    [("/language-help/", "en", "es"), ("/es/language-help/", "es", "en")],
)
def test_both_addresses_say_it_in_english_and_spanish_the_pages_own_language_first(
    client, url, first, second
):
    """Each address has both languages, each block marked with its lang, and a tap-to-call link."""
    page = blocks(client.get(url))
    by_language = {block["lang"]: block for block in page}
    english, spanish = by_language["en"], by_language["es"]
    assert [block["lang"] for block in page] == [first, second]
    assert page[0].find("h1") and not page[1].find("h1")
    assert ENGLISH_SENTENCE in english.get_text(" ", strip=True)
    assert "tell us the language you speak" in english.get_text()
    assert SPANISH_SENTENCE in spanish.get_text(" ", strip=True)
    assert "díganos qué idioma habla" in spanish.get_text()
    for block in page:
        assert block.select_one(f'a[href="{TEL}"]').get_text() == "413-693-2852"


def test_url_gives_the_spanish_address_when_spanish_is_on():
    """{% url %} reaches the same view at /es/ on Spanish pages."""
    with translation.override("es"):
        assert reverse("procedures:language_help") == "/es/language-help/"
    with translation.override("en"):
        assert reverse("procedures:language_help") == "/language-help/"


def test_the_page_works_with_no_other_languages_added(client):
    """Until the clinic supplies Portuguese or Vietnamese, the page has English and Spanish only."""
    response = client.get("/language-help/")
    assert len(blocks(response)) == 2
    assert "In other languages" not in response.content.decode()


@pytest.mark.parametrize("url", ["/language-help/", "/es/language-help/"])
def test_added_languages_show_in_order_each_in_its_own_language_and_direction(client, url):
    """A Portuguese notice reads left to right, an Arabic one right to left, each with the phone."""
    add_notice("ar", "العربية", "يتوفر مترجمون فوريون مجانًا عبر الهاتف.", position=20)
    add_notice("pt", "Português", "Temos intérpretes grátis por telefone.", position=10)
    portuguese, arabic = blocks(client.get(url))[2:]
    assert (portuguese["lang"], portuguese["dir"]) == ("pt", "ltr")
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    assert portuguese.find("h3").get_text() == "Português"
    assert "Temos intérpretes grátis" in portuguese.get_text()
    assert arabic.find("h3").get_text() == "العربية"
    for block in (portuguese, arabic):
        assert block.select_one(f'a[href="{TEL}"]')
    # The number stays left to right inside a right-to-left block.
    assert arabic.select_one(f'[dir="ltr"] > a[href="{TEL}"]')


def test_a_notices_text_is_shown_as_plain_text(client):
    """Markup typed by an editor is shown as typed, never run."""
    add_notice("vi", "Tiếng Việt", "<script>alert(1)</script> Có thông dịch viên miễn phí.")
    html = client.get("/language-help/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "typed", ["portuguese", "p", "pt_BR", "pt-", "12", "pt BR", "-pt", "x-klingon", "pt--br"]
)
def test_the_admin_refuses_a_code_that_is_not_a_language_code_with_a_plain_message(
    admin_client, typed
):
    """A badly formed code is refused, the message gives examples, and what was typed stays."""
    response = admin_client.post(ADD, notice_form(language=typed))
    assert response.status_code == 200
    assert f"“{typed}” is not a language code" in field_errors(response, "language")
    assert "“pt” for Portuguese" in field_errors(response, "language")
    assert response.context["adminform"].form["language"].value() == typed
    assert not LanguageHelpNotice.objects.exists()


@pytest.mark.parametrize(
    ("typed", "language"),
    [("en", "English"), ("es", "Spanish"), ("EN-us", "English"), ("es-PR", "Spanish")],
)
def test_the_admin_refuses_english_and_spanish_saying_they_are_on_the_page(
    admin_client, typed, language
):
    """English and Spanish are the page's own text: a row for them is refused, saying so."""
    response = admin_client.post(ADD, notice_form(language=typed))
    assert response.status_code == 200
    assert f"{language} is already on the page" in field_errors(response, "language")
    assert not LanguageHelpNotice.objects.exists()


def test_the_admin_saves_a_code_in_its_usual_case_and_refuses_the_same_language_twice(
    admin_client,
):
    """“ZH-hant” is kept as “zh-Hant”; a second “zh-hant” is refused, pointing to the first."""
    response = admin_client.post(ADD, notice_form(language="ZH-hant", name="中文"))
    assert response.status_code == 302
    assert LanguageHelpNotice.objects.get().language == "zh-Hant"
    response = admin_client.post(ADD, notice_form(language="zh-hant", name="中文"))
    assert response.status_code == 200
    assert "This language is on the page already" in field_errors(response, "language")
    assert LanguageHelpNotice.objects.count() == 1


def test_saving_or_deleting_a_notice_in_the_admin_clears_cached_pages(
    client, admin_client, django_capture_on_commit_callbacks
):
    """Patients see a new language on their next visit, and stop seeing a deleted one."""
    assert "Português" not in client.get("/es/language-help/").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(ADD, notice_form()).status_code == 302
    assert "Português" in client.get("/es/language-help/").content.decode()

    notice = LanguageHelpNotice.objects.get()
    delete = reverse("admin:procedures_languagehelpnotice_delete", args=[notice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert "Português" not in client.get("/es/language-help/").content.decode()


def test_the_page_takes_two_queries_however_many_languages_it_shows(
    client, django_assert_max_num_queries
):
    """The clinic's details and the notices, each read once."""
    for position, code in enumerate(["pt", "vi", "ht", "ar", "zh-Hant", "ru", "km"]):
        add_notice(code, f"Language {code}", "Sentence.", position=position)
    with django_assert_max_num_queries(2):
        assert len(blocks(client.get("/language-help/"))) == 9


@pytest.mark.parametrize(
    ("language", "href", "first", "second"),
    [
        ("en", "/language-help/", "Free language help", "Ayuda gratis con el idioma"),
        ("es", "/es/language-help/", "Ayuda gratis con el idioma", "Free language help"),
    ],
)
def test_the_footer_link_says_it_in_both_languages_each_part_marked(language, href, first, second):
    """The footer's link: the page's language first, each part marked with its own lang."""
    with translation.override(language):
        link = BeautifulSoup(render_to_string("includes/language_help_link.html"), "html.parser").a
    assert link["href"] == href
    parts = link.find_all("span")
    assert [part.get_text() for part in parts] == [first, second]
    assert [part["lang"] for part in parts] == [language, "es" if language == "en" else "en"]


def test_the_sitemap_lists_the_language_help_page(client):
    """Search engines find the page."""
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://clinic.example/language-help/</loc>" in xml
