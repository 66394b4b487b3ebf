"""A Spanish page shows no English left by mistake.

The visible text of each Spanish page (and its title) is read, leaving aside what is
English on purpose: anything marked lang="en" with all inside it (the "English" link, the
language help block in English, parts shown only in English), the clinic's name and the
procedure's other names ("also called"). What is left must hold none of the common English
words below.
"""

import re

import pytest
from bs4 import BeautifulSoup, Comment
from django.utils import translation

from procedures.models import ClinicDetails, Procedure
from tests.factories import load_starter_content

pytestmark = pytest.mark.django_db

SPANISH_PAGES = {
    "/es/": 200,
    "/es/procedures/": 200,
    "/es/procedures/port-placement/": 200,
    "/es/language-help/": 200,
    "/es/no-such-page/": 404,
    "/es/?q=%00": 400,
}
# Words and phrases common in the site's English and never in its Spanish, matched as whole
# words (case-insensitive): "a", "me" or "no" would be Spanish too, so they are not here.
ENGLISH = [
    "the",
    "you",
    "your",
    "and",
    "call us",
    "with",
    "page",
    "we",
    "procedures",
    "request a callback",
    "skip to",
    "main content",
    "home",
    "phone",
    "free",
    "help",
    "what",
    "when",
    "how",
    "sorry",
    "please",
    "language",
    "about",
    "this",
    "our",
    "of",
    "is",
    "to",
]
INVISIBLE = {"script", "style", "template", "noscript"}


def visible_spanish_text(html: str, leave_aside: list[str]) -> str:
    """The page's title and the text a reader sees in its body, minus what is English on
    purpose (lang="en" and all inside it) and the names in `leave_aside`."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "es"
    for element in soup.find_all([*INVISIBLE, *["svg"]]):
        element.decompose()
    for element in soup.select('[lang="en"], [hidden], [aria-hidden="true"]'):
        element.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    text = soup.title.get_text(" ") + "\n" + soup.body.get_text(" ")
    for name in sorted(leave_aside, key=len, reverse=True):
        text = text.replace(name, " ")
    return " ".join(text.split())


def english_words_in(text: str) -> list[str]:
    """Each English word found, with the words around it, to see where it is."""
    found = []
    for word in ENGLISH:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            start, end = max(match.start() - 40, 0), match.end() + 40
            found.append(f"{word!r} in …{text[start:end]}…")
    return found


@pytest.mark.parametrize("path", list(SPANISH_PAGES))
def test_a_spanish_page_shows_no_english_left_by_mistake(client, path):
    """Outside the parts marked English, the clinic's name and the procedure's other names,
    no common English word is left on the Spanish page."""
    load_starter_content()
    response = client.get(path)
    assert response.status_code == SPANISH_PAGES[path]
    clinic = ClinicDetails.objects.current()
    with translation.override("es"):
        other_names = [name for p in Procedure.objects.all() for name in p.other_names_list]
    text = visible_spanish_text(response.content.decode(), [clinic.name, *other_names])
    assert len(text.split()) > 20, text  # the page really has Spanish text to read
    assert english_words_in(text) == []


def test_the_check_finds_english_left_on_a_spanish_page():
    """The check itself: an English sentence not marked lang="en" is found; marked, it is not."""
    page = (
        '<html lang="es"><head><title>Inicio</title></head><body>'
        "<p>Llámenos hoy.</p><p>{}Call us today{}</p></body></html>"
    )
    unmarked = visible_spanish_text(page.format("", ""), [])
    marked = visible_spanish_text(page.format('<span lang="en">', "</span>"), [])
    assert english_words_in(unmarked) == ["'call us' in …Inicio Llámenos hoy. Call us today…"]
    assert english_words_in(marked) == []
