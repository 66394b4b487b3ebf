"""Editors write the Spanish beside the English in the admin, and see where it is out of date."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from procedures.models import ClinicDetails, Procedure, Section, Step
from procedures.services import spanish_review_record
from tests.factories import add_section, add_step, make_procedure
from tests.procedures.test_admin import errors_in, procedure_form, with_section

pytestmark = pytest.mark.django_db

OUT_OF_DATE = "Spanish out of date: the English changed after the last review"


def change_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def page(admin_client, url) -> BeautifulSoup:
    response = admin_client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def label_of(soup, field_id: str) -> str:
    return soup.find("label", attrs={"for": field_id}).get_text(strip=True).rstrip(":")


def test_the_edit_page_shows_each_spanish_field_beside_its_english(admin_client):
    """“Title (English)” and “Title (Spanish)” share a row; so do sections' and steps' texts."""
    procedure = make_procedure()
    add_section(procedure, "What is it?")
    add_step(procedure, "You lie down.")
    soup = page(admin_client, change_url(procedure))

    for english, spanish, name in [
        ("id_title_en", "id_title_es", "Title"),
        ("id_summary_en", "id_summary_es", "In short"),
        ("id_meta_description_en", "id_meta_description_es", "Meta description"),
        ("id_sections-0-heading_en", "id_sections-0-heading_es", "Heading"),
        ("id_sections-0-body_en", "id_sections-0-body_es", "Body"),
    ]:
        assert label_of(soup, english) == f"{name} (English)"
        assert label_of(soup, spanish) == f"{name} (Spanish)"
        row = soup.find(id=english).find_parent(class_="form-row")
        assert row.find(id=spanish), f"{name}: the Spanish is not beside the English"
    steps_table = soup.find(id="steps-group").table
    headers = [th.get_text(" ", strip=True) for th in steps_table.thead.find_all("th")]
    assert "Text (English)" in headers and "Text (Spanish)" in headers
    assert soup.find(id="id_spanish_reviewed_by") and soup.find(id="id_spanish_reviewed_on")
    fieldset_titles = [h.get_text(strip=True) for h in soup.select("fieldset h2")]
    assert "Spanish translation" in fieldset_titles


def test_an_editor_saves_spanish_text_that_the_spanish_page_reads(admin_client):
    """Spanish typed in the admin is stored in the Spanish columns and read on /es/ pages."""
    data = with_section(procedure_form(title_es="Ablación de venas"), 0, heading="What is it?")
    data |= {
        "sections-0-heading_es": "¿Qué es?",
        "sections-0-body": "It closes a vein.",
        "sections-0-body_es": "Cierra una vena.",
        "steps-TOTAL_FORMS": "1",
        "steps-0-position": "10",
        "steps-0-text_en": "You lie down.",
        "steps-0-text_es": "Usted se acuesta.",
    }
    data["sections-0-body_en"] = data.pop("sections-0-body")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)

    procedure = Procedure.objects.get(slug="vein-ablation")
    section, step = Section.objects.get(), Step.objects.get()
    assert (procedure.title_en, procedure.title_es) == ("Vein ablation", "Ablación de venas")
    with translation.override("es"):
        # What /es/procedures/vein-ablation/ reads from these rows.
        assert (procedure.title, section.heading, section.body, step.text) == (
            "Ablación de venas",
            "¿Qué es?",
            "Cierra una vena.",
            "Usted se acuesta.",
        )
    with translation.override("en"):
        assert (procedure.title, section.heading, step.text) == (
            "Vein ablation",
            "What is it?",
            "You lie down.",
        )


def test_spanish_is_optional_and_english_is_required(admin_client):
    """A page saves with no Spanish at all; without its English title it does not."""
    response = admin_client.post(reverse("admin:procedures_procedure_add"), procedure_form())
    assert response.status_code == 302, errors_in(response)
    assert Procedure.objects.get().title_es in (None, "")

    data = procedure_form(slug="other", title_en="", title_es="Solo en español")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 200
    assert "This field is required." in errors_in(response)
    assert Procedure.objects.count() == 1


def spanish_column(admin_client, **query) -> dict[str, str]:
    """The list's Spanish column, by page title."""
    response = admin_client.get(reverse("admin:procedures_procedure_changelist"), query)
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.th.get_text(strip=True): row.select_one("td.field-spanish_status").get_text(strip=True)
        for row in soup.select("#result_list tbody tr")
    }


def pages_in_every_spanish_state():
    """Four pages: no Spanish, Spanish never reviewed, reviewed and current, reviewed then
    two parts of the English changed."""
    make_procedure(title="No Spanish")
    make_procedure(title="Unreviewed", title_es="Sin revisar")
    current = make_procedure(title="Current", title_es="Al día")
    stale = make_procedure(title="Stale", title_es="Desactualizada")
    section = add_section(stale, "How to get ready")
    for procedure in (current, stale):
        spanish_review_record(
            procedure=procedure, reviewed_by="Ana Rivera, CMI", reviewed_on=date(2026, 11, 20)
        )
    Procedure.objects.filter(pk=stale.pk).update(summary_en="- Changed.")
    Section.objects.filter(pk=section.pk).update(body_en="Changed too.")
    return stale, section


def test_the_page_list_says_how_each_pages_spanish_stands(admin_client):
    """The Spanish column: none yet, not reviewed, up to date, or how many parts are stale."""
    pages_in_every_spanish_state()
    assert spanish_column(admin_client) == {
        "Current": "Spanish: up to date",
        "No Spanish": "No Spanish yet",
        "Stale": "Spanish: 2 parts out of date",
        "Unreviewed": "Spanish: not reviewed yet",
    }


def test_the_spanish_out_of_date_filter_lists_only_stale_pages(admin_client):
    """“Spanish out of date” in the list's filter keeps the pages with stale parts only."""
    pages_in_every_spanish_state()
    assert list(spanish_column(admin_client, spanish="out_of_date")) == ["Stale"]
    assert sorted(spanish_column(admin_client, spanish="not_reviewed")) == [
        "No Spanish",
        "Unreviewed",
    ]


def test_the_edit_page_names_the_out_of_date_parts_and_marks_their_sections(admin_client):
    """A summary at the top lists the stale parts; only the stale section carries the line."""
    stale, section = pages_in_every_spanish_state()
    current_section = add_section(stale, "Recovery", position=50)
    soup = page(admin_client, change_url(stale))

    summary = soup.select_one(".field-spanish_summary .readonly").get_text(" ", strip=True)
    assert "The English changed after the last Spanish review (November 20, 2026)" in summary
    items = [li.get_text(strip=True) for li in soup.select(".field-spanish_summary li")]
    assert items == [
        "Title, summary and search details",
        "Section “How to get ready”",
        "Section “Recovery”",
    ]
    lines = {
        inline.find("input", attrs={"name": lambda n: n and n.endswith("-id")})["value"]: (
            inline.select_one(".field-spanish_line .readonly").get_text(strip=True)
        )
        for inline in soup.select("#sections-group .inline-related:not(.empty-form)")
    }
    assert lines == {str(section.pk): OUT_OF_DATE, str(current_section.pk): OUT_OF_DATE}

    spanish_review_record(procedure=stale, reviewed_by="Ana Rivera, CMI", reviewed_on=date.today())
    soup = page(admin_client, change_url(stale))
    assert OUT_OF_DATE not in soup.get_text()
    saved = "#sections-group .inline-related:not(.empty-form) .field-spanish_line .readonly"
    lines = [line.get_text(strip=True) for line in soup.select(saved)]
    assert lines == ["Up to date with the English"] * 2
    summary = soup.select_one(".field-spanish_summary .readonly").get_text(" ", strip=True)
    assert summary.startswith("Up to date")


def test_the_clinic_details_page_has_hours_and_service_area_in_both_languages(admin_client):
    """The clinic's hours and service-area sentence are edited in English and Spanish."""
    details = ClinicDetails.objects.get()
    url = reverse("admin:procedures_clinicdetails_change", args=[details.pk])
    soup = page(admin_client, url)
    assert label_of(soup, "id_hours_en") == "Hours (English)"
    assert label_of(soup, "id_hours_es") == "Hours (Spanish)"
    assert label_of(soup, "id_service_area_sentence_es") == "Service area sentence (Spanish)"

    response = admin_client.post(
        url,
        {
            "name": details.name,
            "phone": details.phone,
            "address": "",
            "hours_en": "Monday to Friday, 8 am to 4:30 pm",
            "hours_es": "De lunes a viernes, de 8 a. m. a 4:30 p. m.",
            "service_area_sentence_en": details.service_area_sentence_en,
            "service_area_sentence_es": "Atendemos a pacientes del oeste de Massachusetts.",
        },
    )
    assert response.status_code == 302, errors_in(response)
    details = ClinicDetails.objects.get()
    assert details.hours_es == "De lunes a viernes, de 8 a. m. a 4:30 p. m."
    assert details.service_area_sentence_es == "Atendemos a pacientes del oeste de Massachusetts."


@pytest.mark.parametrize("which", ["procedure change", "procedure add", "clinic details"])
def test_the_editors_pages_load_nothing_from_another_host(admin_client, which):
    """No script, stylesheet, picture or frame on the edit pages comes from another host
    (modeltranslation's tabbed admin would load jQuery UI from a CDN: it is not used)."""
    procedure = make_procedure()
    add_section(procedure, "What is it?")
    url = {
        "procedure change": change_url(procedure),
        "procedure add": reverse("admin:procedures_procedure_add"),
        "clinic details": reverse(
            "admin:procedures_clinicdetails_change", args=[ClinicDetails.objects.get().pk]
        ),
    }[which]
    soup = page(admin_client, url)
    requested = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "source"])]
    requested += [tag.get("href") for tag in soup.find_all("link")]
    requested = [address for address in requested if address]
    assert any(address.endswith(".js") for address in requested)
    elsewhere = [a for a in requested if urlsplit(a).netloc not in ("", "testserver")]
    assert elsewhere == []
    assert "jquery-ui" not in soup.decode().lower()


def test_editors_preview_the_spanish_page_before_patients_see_it(admin_client):
    """The edit page links to the Spanish preview: the Spanish text in the Spanish page, its
    public Spanish address as canonical, the staff banner marked English."""
    draft = make_procedure(
        status=Procedure.Status.DRAFT, slug="vein", title="Vein care", title_es="Cuidado"
    )
    change_page = admin_client.get(reverse("admin:procedures_procedure_change", args=[draft.pk]))
    preview_url = reverse("admin:procedures_procedure_preview", args=[draft.pk])
    assert f"{preview_url}?language=es".encode() in change_page.content
    soup = BeautifulSoup(admin_client.get(preview_url, {"language": "es"}).content, "html.parser")
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text() == "Cuidado"
    assert soup.select_one(".preview-banner")["lang"] == "en"
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == "https://clinic.example/es/procedures/vein/"
    english = BeautifulSoup(admin_client.get(preview_url).content, "html.parser")
    assert (english.html["lang"], english.h1.get_text()) == ("en", "Vein care")


def test_a_preview_in_a_language_the_site_does_not_have_shows_the_english(admin_client):
    procedure = make_procedure(title="Vein care", title_es="Cuidado")
    preview_url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
    soup = BeautifulSoup(admin_client.get(preview_url, {"language": "xx"}).content, "html.parser")
    assert (soup.html["lang"], soup.h1.get_text()) == ("en", "Vein care")
