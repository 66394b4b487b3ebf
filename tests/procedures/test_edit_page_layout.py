"""The procedure edit page for long pages: the sections listed with links, each section's
heading on its box, the mistakes listed with links to each field, order without JavaScript."""

import pytest

from procedures.models import Section
from tests.procedures.edit_page_helpers import (
    edit_url,
    editor_client,
    errors_in,
    form_data,
    page_of,
    row_of,
    starter_page,
)

pytestmark = pytest.mark.django_db


def test_the_sections_are_listed_at_the_top_with_a_link_to_each():
    procedure = starter_page()
    html = page_of(editor_client().get(edit_url(procedure)))

    links = html.select(".edit-page-contents ol a")
    headings = list(
        procedure.sections.order_by("position", "pk").values_list("heading_en", flat=True)
    )
    assert len(headings) == 12
    assert [link.get_text(strip=True) for link in links] == headings
    for link in links:
        assert html.find(id=link["href"].removeprefix("#")), f"{link['href']} leads nowhere"


def test_each_section_shows_its_heading_while_closed():
    procedure = starter_page()
    html = page_of(editor_client().get(edit_url(procedure)))

    rows = html.select("#sections-group .section-row:not(.empty-form)")
    assert len(rows) == 12
    for row in rows:
        details = row.find("details")
        assert not details.has_attr("open"), "saved sections start closed"
        heading = details.find("summary").get_text(" ", strip=True)
        assert heading.startswith("Section: ")
    assert rows[2].find("summary").get_text(" ", strip=True) == "Section: How to get ready"
    # Not one box for all the sections: Django's collapse of the whole group is gone.
    assert not html.select("#sections-group > fieldset > details")


def test_a_new_section_not_yet_saved_is_called_new_section_and_starts_open():
    procedure = starter_page()
    html = page_of(editor_client().get(edit_url(procedure)))

    empty = html.select_one("#sections-empty details")
    assert empty.has_attr("open")
    assert empty.find("summary").get_text(" ", strip=True) == "Section: New section"


def test_the_mistakes_are_listed_first_with_the_sections_heading_and_a_link_to_each_field():
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    section = procedure.sections.get(heading_en="How to get ready")
    row = row_of(data, section)
    data[f"sections-{row}-body_en"] = ""
    data["title_en"] = ""

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 200
    html = page_of(response)
    summary = html.select_one(".edit-page-errors")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    links = {a.get_text(strip=True): a["href"] for a in summary.select("a")}
    assert links == {
        "Title (English): This field is required.": "#id_title_en",
        "How to get ready: Body (English): This field is required.": f"#id_sections-{row}-body_en",
    }
    for href in links.values():
        assert html.find(id=href.removeprefix("#")), f"{href} leads nowhere"
    assert html.select_one(f"#sections-{row} details").has_attr("open")
    assert html.select_one(".edit-page-errors").find_previous("p", class_="errornote")


def test_a_mistake_in_a_list_names_the_row():
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    data["steps-1-text_en"] = ""

    response = client.post(edit_url(procedure), data)

    links = [a.get_text(strip=True) for a in page_of(response).select(".edit-page-errors a")]
    assert links == ["Step 2: Text (English): This field is required."]


def test_the_page_loads_its_own_css_and_script_and_no_other_page_does():
    procedure = starter_page()
    client = editor_client()
    html = page_of(client.get(edit_url(procedure)))
    assert html.find("link", href="/static/css/editor.css")
    assert html.find("script", src="/static/js/editor.js")
    other = page_of(client.get("/admin/procedures/procedure/"))
    assert not other.find("link", href="/static/css/editor.css")


def test_without_javascript_the_position_numbers_set_the_order():
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    first, second = procedure.sections.order_by("position", "pk")[:2]
    data[f"sections-{row_of(data, first)}-position"] = "25"

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    order = list(Section.objects.filter(procedure=procedure).values_list("pk", flat=True))
    assert order[:2] == [second.pk, first.pk]
