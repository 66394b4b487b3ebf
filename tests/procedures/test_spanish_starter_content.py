"""The Spanish starter content of the port-placement explainer: its shape and its reading ease."""

import pytest

from procedures.content import port_placement as english
from procedures.content import port_placement_es as spanish
from procedures.readability import spanish_scores, starter_content_blocks

INFLESZ_FLOOR = 65
FERNANDEZ_HUERTA_FLOOR = 70
SUMMARY_HEADING = "En resumen"

KINDS = [section["kind"] for section in english.SECTIONS]
SPANISH_SECTIONS = starter_content_blocks(spanish, KINDS, SUMMARY_HEADING)


def test_the_procedure_has_every_english_field_but_the_slug():
    """The Spanish page gives every translatable field of the English one, each filled in."""
    assert set(spanish.PROCEDURE) == set(english.PROCEDURE) - {"slug"}
    assert all(value.strip() for value in spanish.PROCEDURE.values())


def test_the_meta_description_fits_in_a_search_result():
    """The Spanish meta description is 160 characters or fewer, like the English one."""
    assert len(spanish.PROCEDURE["meta_description"]) <= 160


def test_there_is_one_spanish_section_for_each_english_section():
    """Same number of sections, each with a heading and a body only (the kind is the English's)."""
    assert len(spanish.SECTIONS) == len(english.SECTIONS)
    for section in spanish.SECTIONS:
        assert set(section) == {"heading", "body"}
        assert section["heading"].strip() and section["body"].strip()


def test_the_section_headings_are_all_different():
    """No two Spanish sections share a heading, so each gets its own anchor."""
    headings = [section["heading"] for section in spanish.SECTIONS]
    assert len(set(headings)) == len(headings)


def test_the_lists_have_as_many_items_as_the_english():
    """Steps, warning signs (per tier) and questions match the English, item for item."""
    assert len(spanish.STEPS) == len(english.STEPS)
    assert list(spanish.WARNING_SIGNS) == list(english.WARNING_SIGNS)
    for tier, signs in english.WARNING_SIGNS.items():
        assert len(spanish.WARNING_SIGNS[tier]) == len(signs)
    assert len(spanish.QUESTIONS) == len(english.QUESTIONS)


def test_no_list_item_is_empty():
    """Every step, warning sign and question has words in it."""
    signs = [sign for tier in spanish.WARNING_SIGNS.values() for sign in tier]
    assert all(item.strip() for item in [*spanish.STEPS, *signs, *spanish.QUESTIONS])


def test_the_fever_is_given_in_fahrenheit():
    """The clinic is in the US: the fever threshold is the English one, in °F."""
    signs = " ".join(spanish.WARNING_SIGNS["call_clinic"])
    assert "100.4 °F" in signs


@pytest.mark.parametrize("heading", list(SPANISH_SECTIONS))
def test_every_section_reads_easily_in_spanish(heading):
    """Heading, body and list of each section (and the summary) score INFLESZ >= 65, F-H >= 70."""
    scores = spanish_scores(SPANISH_SECTIONS[heading])
    assert scores.inflesz >= INFLESZ_FLOOR
    assert scores.fernandez_huerta >= FERNANDEZ_HUERTA_FLOOR
