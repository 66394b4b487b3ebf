"""The port-placement explainer loaded by `manage.py load_starter_content`."""

from datetime import date
from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from procedures.models import Procedure, StarterContentLoad
from procedures.readability import reading_grade
from tests.factories import load_starter_content, make_procedure

pytestmark = pytest.mark.django_db

PORT_PAGE = "/procedures/port-placement/"

# The 14 points of ../shared/content/port-placement-outline.md, in order, as headings.
OUTLINE_HEADINGS = [
    "In short",
    "What is a port?",
    "Why you might need a port",
    "How to get ready",
    "Who does it and where",
    "What happens, step by step",
    "What you will feel",
    "Recovery at home",
    "Living with your port",
    "Risks and benefits",
    "When to call us",
    "When the port comes out",
    "Questions to ask your care team",
    "About this page",
]

# Facts each point must carry (outline), checked on the rendered page.
OUTLINE_FACTS = [
    "sedative",
    "drive you home",
    "does not replace talking with your care team",
    "size of a quarter",
    "Port-a-cath",
    "Mediport",
    "central venous access device",
    "PICC line",
    "tunneled catheter",
    "swim",
    "blood for tests",
    "blood thinner",
    "latex",
    "pregnant",
    "stop eating and drinking",
    "comfortable clothes",
    "interventional doctor",
    "outpatient",
    "numbing medicine",
    "below your collarbone",
    "Ultrasound",
    "jugular vein",
    "live X-ray",
    "superior vena cava",
    "stitches",
    "draw blood",
    "sterile",
    "same day",
    "pressure",
    "sore",
    "Over-the-counter pain medicine",
    "heavy things",
    "normal activities",
    "special needle",
    "flushed",
    "port card",
    "Infection",
    "collapsed lung",
    "fever",
    "Chest pain",
    "Trouble breathing",
    "Swelling in your face, neck or arm",
    "taken out",
    "print this list",
    "has not yet reviewed this page",
    "follow your care team",
]


@pytest.fixture
def port_page(client):
    load_starter_content()
    response = client.get(PORT_PAGE)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_all_fourteen_outline_points_appear_in_order(port_page):
    """Each point of the outline has its own heading, in the outline's order."""
    headings = [h.get_text(strip=True) for h in port_page.select("main h2")]
    headings.remove("On this page")
    assert headings == OUTLINE_HEADINGS


def test_the_facts_the_outline_asks_for_are_on_the_page(port_page):
    """Every fact the outline requires is said somewhere on the page."""
    text = port_page.main.get_text(" ", strip=True)
    missing = [fact for fact in OUTLINE_FACTS if fact.lower() not in text.lower()]
    assert missing == []


def test_the_clinics_phone_number_sits_beside_the_warning_signs(port_page):
    """Both tiers of warning signs show a number to call, right there."""
    assert port_page.select_one(".warning--clinic a[href='tel:+14136932852']")
    assert port_page.select_one(".warning--emergency a[href='tel:911']")


def section_sentences(section) -> list[str]:
    """What a reader sees in a section: each paragraph, list item and subheading."""
    blocks = section.find_all(["p", "li", "h3"])
    return [" ".join(block.get_text(" ", strip=True).split()) for block in blocks]


def test_every_section_reads_at_grade_seven_or_below(port_page):
    """Flesch-Kincaid grade of each section's visible text, list items as sentences, is <= 7."""
    grades = {
        section.h2.get_text(strip=True): reading_grade(section_sentences(section))
        for section in port_page.select("main section")
    }
    assert len(grades) == len(OUTLINE_HEADINGS)
    too_hard = {heading: grade for heading, grade in grades.items() if grade > 7.0}
    assert too_hard == {}


def test_loading_twice_never_duplicates_or_overwrites(client):
    """A second load leaves editors' changes alone and adds nothing."""
    load_starter_content()
    procedure = Procedure.objects.get()
    procedure.title = "Getting a port"
    procedure.save()
    load_starter_content()
    assert Procedure.objects.count() == 1
    assert Procedure.objects.get().title == "Getting a port"


def test_a_starter_page_editors_deleted_stays_deleted():
    """Once loaded, the port page is never loaded again, even when no procedure is left."""
    load_starter_content()
    Procedure.objects.all().delete()
    load_starter_content()
    assert not Procedure.objects.exists()


def test_starter_content_loads_into_a_database_that_never_had_it():
    """A new database gets the port page, and a record that it was loaded."""
    load_starter_content()
    assert Procedure.objects.get().slug == "port-placement"
    assert StarterContentLoad.objects.filter(name="port-placement").exists()


def test_the_starter_page_claims_no_review():
    """No clinician at the clinic has checked the starter words: no reviewer, no review dates."""
    load_starter_content()
    procedure = Procedure.objects.get()
    assert (procedure.reviewed_by, procedure.last_reviewed, procedure.next_review_due) == (
        "",
        None,
        None,
    )


def test_the_starter_page_tells_patients_it_is_not_reviewed_yet(port_page):
    """'About this page' says plainly no one has reviewed it, and names no reviewer or date."""
    about = " ".join(port_page.select_one("#about-this-page").find_parent("section").text.split())
    assert (
        "The clinic's medical team has not yet reviewed this page. If anything here differs "
        "from what your care team told you, follow your care team." in about
    )
    assert "checked the facts" not in about
    assert "check it again" not in about
    assert "not yet reviewed" in port_page.select_one(".in-short").get_text()


def test_a_database_loaded_before_keeps_its_review():
    """Loading again never rewrites an existing page's review: editors' data stays as it is."""
    load_starter_content()
    Procedure.objects.update(
        reviewed_by="Jane Smith, MD",
        last_reviewed=date(2026, 11, 20),
        next_review_due=date(2027, 11, 20),
    )
    load_starter_content()
    procedure = Procedure.objects.get()
    assert (procedure.reviewed_by, procedure.last_reviewed) == (
        "Jane Smith, MD",
        date(2026, 11, 20),
    )


mark_loaded = import_module(
    "procedures.migrations.0005_mark_starter_content_loaded"
).mark_port_placement_loaded


def test_the_migration_marks_starter_content_loaded_where_pages_exist():
    """A database that already holds pages is marked, so its deleted port page stays deleted."""
    make_procedure(slug="port-placement")
    mark_loaded(apps, None)
    Procedure.objects.all().delete()
    load_starter_content()
    assert not Procedure.objects.exists()


def test_the_migration_leaves_an_empty_database_unmarked():
    """A database with no pages yet still gets the starter page on its first start."""
    mark_loaded(apps, None)
    assert not StarterContentLoad.objects.exists()
    load_starter_content()
    assert Procedure.objects.filter(slug="port-placement").exists()


def test_reading_grade_counts_list_items_as_sentences():
    """A list scores as short sentences, not one long run-on sentence."""
    items = ["Chest pain", "Trouble breathing", "Swelling in your face"]
    assert reading_grade(items) < reading_grade([" ".join(items)])
