"""Browsers send line breaks as CRLF: the edit page stores LF, and its history names only the
fields an editor really changed (procedures/admin/line_endings.py)."""

import json

import pytest
from django.contrib.admin.models import LogEntry

from procedures.admin.line_endings import one_line_ending
from procedures.models import Section
from tests.procedures.edit_page_helpers import (
    edit_url,
    editor_client,
    errors_in,
    form_data,
    starter_page,
)

pytestmark = pytest.mark.django_db


def test_crlf_and_lone_cr_become_lf():
    assert one_line_ending("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_a_one_sentence_edit_is_the_only_change_in_the_history():
    """Every text box posted with CRLF, one body changed: the history names that field only."""
    procedure = starter_page()
    client = editor_client()
    url = edit_url(procedure)
    data = form_data(client.get(url), line_ending="\r\n")
    assert any("\r\n" in value for value in data.values()), "the page has no multi-line text"
    section = procedure.sections.order_by("position", "pk")[1]
    index = next(i for i in range(50) if data.get(f"sections-{i}-id") == str(section.pk))
    data[f"sections-{index}-body_en"] += "\r\nCall us if you are not sure."

    response = client.post(url, data)

    assert response.status_code == 302, errors_in(response)
    entry = LogEntry.objects.filter(object_id=str(procedure.pk)).latest("action_time")
    assert json.loads(entry.change_message) == [
        {"changed": {"name": "section", "object": section.heading, "fields": ["Body (English)"]}}
    ]
    section.refresh_from_db()
    assert "\r" not in section.body_en
    assert section.body_en.endswith("\nCall us if you are not sure.")


def test_text_saved_with_crlf_is_stored_with_lf():
    procedure = starter_page()
    client = editor_client()
    url = edit_url(procedure)
    data = form_data(client.get(url))
    data["summary_en"] = "- First line.\r\n- Second line.\r- Third line."

    response = client.post(url, data)

    assert response.status_code == 302, errors_in(response)
    procedure.refresh_from_db()
    assert procedure.summary_en == "- First line.\n- Second line.\n- Third line."
    assert not Section.objects.filter(body_en__contains="\r").exists()
