"""`make run` loads the Spanish starter text beside the English page, once, and never over an
editor's work."""

import pytest

from procedures.content import port_placement, port_placement_es
from procedures.models import Procedure, StarterContentLoad
from procedures.services import starter_spanish_load
from tests.factories import load_starter_content

pytestmark = pytest.mark.django_db


def port_page() -> Procedure:
    return Procedure.objects.get(slug="port-placement")


def test_a_new_database_gets_the_port_page_in_both_languages():
    load_starter_content()
    procedure = port_page()
    assert procedure.title_es == port_placement_es.PROCEDURE["title"]
    assert [s.heading_es for s in procedure.sections.order_by("position")] == [
        s["heading"] for s in port_placement_es.SECTIONS
    ]
    assert all(step.text_es for step in procedure.steps.all())
    assert all(sign.text_es for sign in procedure.warning_signs.all())
    assert all(question.text_es for question in procedure.questions.all())


def test_a_database_made_before_spanish_gets_it_on_its_next_start():
    """The English was loaded by an older release; the Spanish load is a load of its own."""
    load_starter_content()
    Procedure.objects.filter(slug="port-placement").update(title_es="")
    StarterContentLoad.objects.filter(name="port-placement:es").delete()
    load_starter_content()
    assert port_page().title_es == port_placement_es.PROCEDURE["title"]


def test_the_spanish_is_loaded_once_and_never_brought_back():
    """An editor who empties a Spanish field keeps it empty across restarts."""
    load_starter_content()
    procedure = port_page()
    procedure.title_es = ""
    procedure.save()
    load_starter_content()
    assert port_page().title_es == ""


def test_a_part_an_editor_rewrote_in_english_gets_no_stale_spanish():
    """Spanish is filled in only where the English is still the starter's English."""
    load_starter_content()
    procedure = port_page()
    procedure.sections.update(heading_es="", body_es="")
    first = procedure.sections.order_by("position").first()
    first.body_en = "An editor's own words."
    first.save()
    StarterContentLoad.objects.filter(name="port-placement:es").delete()
    starter_spanish_load(english=port_placement, spanish=port_placement_es)
    first.refresh_from_db()
    assert first.heading_es == port_placement_es.SECTIONS[0]["heading"]
    assert first.body_es == ""
    second = procedure.sections.order_by("position")[1]
    assert second.body_es == port_placement_es.SECTIONS[1]["body"]


def test_no_spanish_is_loaded_when_the_page_was_deleted():
    load_starter_content()
    port_page().delete()
    StarterContentLoad.objects.filter(name="port-placement:es").delete()
    assert starter_spanish_load(english=port_placement, spanish=port_placement_es) is None
    assert not Procedure.objects.exists()
