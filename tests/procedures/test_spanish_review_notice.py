"""What the Spanish explainer tells patients about the review of its translation."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from procedures.models import ClinicDetails
from procedures.services import spanish_review_record
from tests.factories import make_procedure

pytestmark = pytest.mark.django_db

NOTICE = "procedures/includes/spanish_review_notice.html"


def notice(procedure, language="es", **extra) -> str:
    with translation.override(language):
        html = render_to_string(
            NOTICE, {"procedure": procedure, "clinic": ClinicDetails.objects.current(), **extra}
        )
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_an_unreviewed_translation_says_so_in_spanish_with_the_phone_number():
    """Until a review is recorded, the page says a qualified translator must review it: once,
    under “In short”, and not again in “About this page”."""
    procedure = make_procedure()
    assert notice(procedure) == ""
    text = notice(procedure, at_top=True)
    assert text.startswith(
        "Un traductor médico calificado (una persona experta en traducir temas de salud) "
        "debe revisar esta traducción antes de que la clínica la use. Todavía nadie la ha revisado."
    )
    assert "Si tiene dudas, llámenos al 413-693-2852" in text


def test_a_reviewed_translation_names_the_translator_and_the_day_in_spanish():
    """Once recorded, the line for “About this page” says who reviewed it and when."""
    procedure = make_procedure()
    spanish_review_record(
        procedure=procedure, reviewed_by="Ana Rivera, CMI-Spanish", reviewed_on=date(2026, 11, 20)
    )
    procedure.refresh_from_db()
    text = notice(procedure)
    assert text == (
        "Un traductor médico calificado, Ana Rivera, CMI-Spanish, revisó esta traducción "
        "el 20 de noviembre de 2026."
    )
    assert notice(procedure, at_top=True) == ""


def test_the_notice_shows_on_spanish_pages_only():
    """An English page has no translation to speak of: the partial renders nothing there."""
    assert notice(make_procedure(), language="en") == ""
    assert notice(make_procedure(), language="en", at_top=True) == ""


def test_the_spanish_explainer_says_once_that_its_translation_awaits_review(client):
    make_procedure(slug="port", title_es="Puerto")
    page = BeautifulSoup(client.get("/es/procedures/port/").content, "html.parser")
    notices = page.select(".spanish-review--pending")
    assert len(notices) == 1
    assert notices[0].find_parent("section")["class"] == ["in-short"]
