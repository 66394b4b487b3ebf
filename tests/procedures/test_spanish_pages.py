"""The explainer, the list and the home page in Spanish: the Spanish text, and the English
only where a part has no Spanish, marked and said."""

import json

import pytest
from bs4 import BeautifulSoup

from procedures.content import port_placement_es
from procedures.models import Procedure, Section
from tests.factories import (
    add_question,
    add_section,
    add_step,
    add_warning_sign,
    load_starter_content,
    make_procedure,
    republish,
)

pytestmark = pytest.mark.django_db

SPANISH_PORT_PAGE = "/es/procedures/port-placement/"


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_spanish_port_page_shows_every_spanish_section_in_order(client):
    """make run's starter content: the English page's 12 sections, each in Spanish."""
    load_starter_content()
    soup = soup_of(client.get(SPANISH_PORT_PAGE))
    assert soup.h1.text == port_placement_es.PROCEDURE["title"]
    headings = [h2.text for h2 in soup.select("section.section > h2")]
    expected = [section["heading"] for section in port_placement_es.SECTIONS]
    assert headings == [*expected, "Sobre esta página"]
    assert soup.select_one("#in-short").text == "En resumen"
    steps = [li.text for li in soup.select("ol.steps > li")]
    assert steps == port_placement_es.STEPS
    questions = [li.text for li in soup.select("ol.questions > li")]
    assert questions == port_placement_es.QUESTIONS
    assert not soup.select(".english-only")
    assert not soup.select("main [lang=en]")


def test_the_spanish_page_writes_dates_and_the_review_in_spanish(client):
    make_procedure(slug="port", title_es="Puerto")
    soup = soup_of(client.get("/es/procedures/port/"))
    about = soup.select_one("section.about").text
    assert "revisó los datos de esta página el 1 de noviembre de 2026" in about
    assert "La volveremos a revisar antes del 1 de noviembre de 2027" in about


def test_a_section_without_spanish_shows_the_english_marked_and_said(client):
    """The English is safer than a gap; it is marked lang=en and the page says so in Spanish."""
    procedure = make_procedure(slug="port", title_es="Puerto")
    add_section(procedure, "Recovery at home", body="Rest for a day.", position=1)
    translated = add_section(procedure, "Risks", body="Few.", position=2)
    translated.heading_es, translated.body_es = "Riesgos", "Pocos."
    translated.save()
    republish(procedure)
    soup = soup_of(client.get("/es/procedures/port/"))
    english, spanish = soup.select("section.section")[:2]
    assert english.h2["lang"] == "en" and english.h2.text == "Recovery at home"
    assert english.select_one(".english-only").text == "Esta parte solo está en inglés."
    assert english.select_one("div[lang=en]").text.strip() == "Rest for a day."
    assert not spanish.select("[lang=en], .english-only")
    assert spanish.h2.text == "Riesgos"


def test_list_items_without_spanish_are_marked_and_the_list_says_so_once(client):
    procedure = make_procedure(slug="port", title_es="Puerto")
    add_section(procedure, "Steps", kind=Section.Kind.STEPS, position=1)
    add_step(procedure, "Lie down.", position=1)
    step = add_step(procedure, "Rest.", position=2)
    step.text_es = "Descanse."
    step.save()
    add_warning_sign(procedure, "Fever", position=1)
    add_question(procedure, "How long?", position=1)
    soup = soup_of(client.get("/es/procedures/port/"))
    items = soup.select("ol.steps > li")
    assert [(li.text, li.get("lang")) for li in items] == [("Lie down.", "en"), ("Descanse.", None)]
    # The summary, the section's body, the steps, the signs and the questions: once each.
    assert len(soup.select(".english-only")) == 5


def test_a_procedure_with_no_spanish_title_is_listed_in_english_and_said_to_be(client):
    make_procedure(title="Vein ablation", slug="vein")
    soup = soup_of(client.get("/es/procedures/"))
    link = soup.select_one(".card__title a")
    assert (link.text, link["lang"]) == ("Vein ablation", "en")
    assert link["href"] == "/es/procedures/vein/"
    assert soup.select_one(".english-only-tag").text == "(en inglés)"
    assert soup.select_one("h1").text == "Procedimientos"


def test_the_english_page_never_shows_spanish_or_notes(client):
    procedure = make_procedure(slug="port", title="Port", title_es="Puerto")
    add_section(procedure, "Risks", body="Few.")
    soup = soup_of(client.get("/procedures/port/"))
    assert soup.h1.text == "Port"
    assert not soup.select(".english-only, [lang=es] h2")


def test_the_structured_data_of_the_spanish_page_is_in_spanish(client):
    load_starter_content()
    soup = soup_of(client.get(SPANISH_PORT_PAGE))
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["inLanguage"] == "es-US"
    assert data["url"] == "https://clinic.example" + SPANISH_PORT_PAGE
    assert data["name"] == port_placement_es.PROCEDURE["title"]
    assert data["about"]["bodyLocation"] == port_placement_es.PROCEDURE["body_location"]
    assert data["publisher"]["url"] == "https://clinic.example/es/"


def test_the_spanish_explainer_renders_in_at_most_five_queries(
    client, django_assert_max_num_queries
):
    """Spanish columns sit beside the English ones: no extra query for a second language
    (the same five as the English page, the clinic's details coming from their cache)."""
    load_starter_content()
    client.get("/es/")  # a running site has the clinic's details cached
    with django_assert_max_num_queries(5):
        response = client.get(SPANISH_PORT_PAGE)
    assert response.status_code == 200


def test_the_spanish_page_keeps_the_spanish_when_only_the_english_changes(client):
    """Editors changing the English never change what Spanish readers see."""
    load_starter_content()
    procedure = Procedure.objects.get(slug="port-placement")
    section = procedure.sections.order_by("position").first()
    section.body_en = "Rewritten in English."
    section.save()
    soup = soup_of(client.get(SPANISH_PORT_PAGE + "?fresh"))
    assert port_placement_es.SECTIONS[0]["heading"] in soup.text
    assert "Rewritten in English." not in soup.text
