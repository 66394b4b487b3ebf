"""The explainer's JSON-LD: a MedicalWebPage about a MedicalProcedure, parseable and complete."""

import json
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from procedures import markup
from procedures.models import Section
from tests.factories import add_section, add_step, make_procedure

pytestmark = pytest.mark.django_db


def json_ld(client, procedure) -> dict:
    soup = BeautifulSoup(client.get(procedure.get_absolute_url()).content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_json_ld_describes_a_reviewed_medical_web_page(client):
    """The page is a MedicalWebPage with its address, review date and reviewer."""
    procedure = make_procedure(slug="port-placement", title="Port placement")
    data = json_ld(client, procedure)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == "https://clinic.example/procedures/port-placement/"
    assert data["lastReviewed"] == "2026-11-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Jane Smith, MD"}
    assert data["publisher"]["telephone"] == "+14136932852"


def test_json_ld_is_about_a_medical_procedure_with_its_details(client):
    """The procedure carries how it is performed, preparation, follow-up, type and body location."""
    procedure = make_procedure(
        title="Port placement",
        other_names="Port-a-cath\nMediport",
        body_location="Upper chest",
    )
    add_section(
        procedure, "How to get ready", kind=Section.Kind.PREPARATION, body="Bring a driver."
    )
    add_section(procedure, "Recovery", kind=Section.Kind.RECOVERY, body="- Rest today.")
    add_step(procedure, "You lie flat.", position=1)
    add_step(procedure, "We clean the skin.", position=2)
    about = json_ld(client, procedure)["about"]
    assert about["@type"] == "MedicalProcedure"
    assert about["name"] == "Port placement"
    assert about["alternateName"] == ["Port-a-cath", "Mediport"]
    assert about["howPerformed"] == "You lie flat. We clean the skin."
    assert about["preparation"] == "Bring a driver."
    assert about["followup"] == "Rest today."
    assert about["procedureType"] == "https://schema.org/PercutaneousProcedure"
    assert about["bodyLocation"] == "Upper chest"


def test_json_ld_cannot_be_broken_out_of(client):
    """Text that looks like a closing script tag stays inside the JSON."""
    procedure = make_procedure(title="Evil </script><script>alert(1)</script>")
    html = client.get(procedure.get_absolute_url()).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["name"] == "Evil </script><script>alert(1)</script>"


def test_each_section_body_is_rendered_from_markdown_once_per_page(client):
    """The page and its JSON-LD share one rendering of each body, plus one of the summary."""
    procedure = make_procedure()
    add_section(procedure, "What is it?", body="Plain words.")
    add_section(procedure, "How to get ready", kind=Section.Kind.PREPARATION, body="- Driver.")
    add_section(procedure, "Recovery", kind=Section.Kind.RECOVERY, body="- Rest.")
    with mock.patch.object(markup.markdown, "markdown", wraps=markup.markdown.markdown) as render:
        response = client.get(procedure.get_absolute_url())
    assert response.status_code == 200
    assert render.call_count == 3 + 1
