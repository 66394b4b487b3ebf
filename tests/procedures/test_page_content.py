"""procedures/page_content.py: a whole page as one value, written down and read back."""

import json

import pytest
from django.utils import translation

from procedures.models import Section, WarningSign
from procedures.page_content import PageContent
from tests.factories import (
    add_question,
    add_section,
    add_step,
    add_warning_sign,
    make_procedure,
)

pytestmark = pytest.mark.django_db


def full_page():
    procedure = make_procedure(title="Port placement", title_es="Colocación de puerto")
    section = add_section(procedure, "Recovery", kind=Section.Kind.RECOVERY, position=20)
    section.heading_es = "Recuperación"
    section.save()
    add_section(procedure, "What is a port?", position=10)
    add_step(procedure, "You lie down.", position=10)
    add_warning_sign(procedure, "Chest pain", tier=WarningSign.Tier.EMERGENCY)
    add_question(procedure, "How long will it take?")
    return procedure


def test_a_snapshot_is_plain_json_with_both_languages_and_parts_in_page_order():
    content = PageContent.from_rows(full_page()).snapshot()
    assert json.loads(json.dumps(content)) == content
    assert content["procedure"]["title_es"] == "Colocación de puerto"
    assert [s["heading_en"] for s in content["sections"]] == ["What is a port?", "Recovery"]
    assert content["sections"][1]["heading_es"] == "Recuperación"
    assert content["warning_signs"][0]["tier"] == "emergency"
    assert "reviewed_by" not in content["procedure"]  # a review is recorded apart


def test_a_page_read_back_from_its_snapshot_is_the_same_page_in_each_language():
    procedure = full_page()
    content = PageContent.from_rows(procedure).snapshot()
    page = PageContent.from_snapshot(content, row=procedure)
    assert page.snapshot() == content
    with translation.override("es"):
        assert page.procedure.title == "Colocación de puerto"
        assert page.sections[1].heading == "Recuperación"
        assert page.sections[0].heading == "What is a port?"  # no Spanish: the English


def test_the_review_shown_is_the_rows_today_not_the_snapshots():
    procedure = full_page()
    content = PageContent.from_rows(procedure).snapshot()
    procedure.reviewed_by = "Dr New Reviewer, MD"
    page = PageContent.from_snapshot(content, row=procedure)
    assert page.procedure.reviewed_by == "Dr New Reviewer, MD"


def test_a_value_a_later_release_dropped_is_ignored_and_a_missing_one_defaults():
    procedure = full_page()
    content = PageContent.from_rows(procedure).snapshot()
    content["procedure"]["field_from_an_old_release"] = "x"
    del content["sections"][0]["image_alt_es"]
    page = PageContent.from_snapshot(content, row=procedure)
    assert not hasattr(page.procedure, "field_from_an_old_release")
    assert page.sections[0].image_alt_es in ("", None)
