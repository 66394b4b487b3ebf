"""A new picture for a section that had one asks for its description again (SectionForm)."""

import json

import pytest
from django.contrib.admin.models import LogEntry

from procedures.admin.parts import DESCRIBE_NEW_PICTURE
from tests.procedures.edit_page_helpers import (
    edit_url,
    editor_client,
    errors_in,
    form_data,
    new_picture,
    page_of,
    row_of,
    section_with_picture,
    starter_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    procedure = starter_page()
    section = section_with_picture(procedure)
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    return client, procedure, section, data, row_of(data, section)


def test_a_new_picture_with_the_old_description_is_refused_in_plain_words(page):
    client, procedure, section, data, row = page
    data[f"sections-{row}-image"] = new_picture()

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 200
    assert DESCRIBE_NEW_PICTURE in errors_in(response)
    html = page_of(response)
    confirm = html.find("input", attrs={"name": f"sections-{row}-description_fits_new_picture"})
    assert confirm is not None
    assert html.find("label", attrs={"for": confirm["id"]}).get_text(strip=True) == (
        "The description fits the new picture"
    )
    section.refresh_from_db()
    assert section.image.name.endswith("old-drawing.png")


def test_a_new_picture_with_a_new_description_is_saved(page):
    client, procedure, section, data, row = page
    data[f"sections-{row}-image"] = new_picture()
    data[f"sections-{row}-image_alt_en"] = "Drawing of the port and its thin tube"

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert "new-drawing" in section.image.name
    assert section.image_alt_en == "Drawing of the port and its thin tube"


def test_ticking_the_description_fits_keeps_the_words_and_saves_the_new_picture(page):
    """The second Save uses the picture kept from the first, without choosing it again."""
    client, procedure, section, data, row = page
    data[f"sections-{row}-image"] = new_picture()
    refused = client.post(edit_url(procedure), data)
    again = form_data(refused)
    assert again[f"sections-{row}-pending_image"]
    again[f"sections-{row}-description_fits_new_picture"] = "on"

    response = client.post(edit_url(procedure), again)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert "new-drawing" in section.image.name
    assert section.image_alt_en == "Drawing of a port under the skin"
    entry = LogEntry.objects.filter(object_id=str(procedure.pk)).latest("action_time")
    assert json.loads(entry.change_message) == [
        {"changed": {"name": "section", "object": section.heading, "fields": ["Illustration"]}}
    ]


def test_saving_without_a_new_picture_asks_nothing(page):
    client, procedure, _section, data, row = page
    data[f"sections-{row}-heading_en"] = "What a port is"

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)


def test_a_first_picture_with_a_description_needs_no_confirmation():
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    section = procedure.sections.get(heading_en="How to get ready")
    row = row_of(data, section)
    data[f"sections-{row}-image"] = new_picture()
    data[f"sections-{row}-image_alt_en"] = "Drawing of a patient getting ready"

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert "new-drawing" in section.image.name
