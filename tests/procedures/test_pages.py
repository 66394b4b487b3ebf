"""The public pages: home, the list of procedures and the explainer."""

from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from config.views import server_error
from procedures.models import ClinicDetails, Procedure, Section, WarningSign
from procedures.services import clinic_details_save
from tests.factories import (
    add_question,
    add_section,
    add_step,
    add_warning_sign,
    load_starter_content,
    make_procedure,
    png_bytes,
    republish,
)
from tests.procedures.helpers import save_in_admin

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_names_the_clinic_lists_procedures_and_offers_a_call(client):
    """The home page says who the clinic is, lists its procedures and gives a tap-to-call link."""
    make_procedure(title="Port placement for chemotherapy", slug="port-placement")
    soup = page(client.get("/"))
    assert soup.h1.get_text(strip=True) == "New England Endovascular Center"
    assert soup.find("a", href="/procedures/port-placement/")
    assert soup.find("a", href="tel:+14136932852")
    assert soup.find("a", href="/request-a-callback/")


def test_procedure_list_shows_only_published_procedures(client):
    """Drafts never appear in the list patients see."""
    make_procedure(title="Published page")
    make_procedure(title="Secret draft", status=Procedure.Status.DRAFT)
    html = client.get(reverse("procedures:list")).content.decode()
    assert "Published page" in html
    assert "Secret draft" not in html


def test_a_draft_answers_404_to_the_public(client):
    """A draft's address gives the branded not-found page, not the content."""
    draft = make_procedure(status=Procedure.Status.DRAFT, title="Secret draft")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert b"Secret draft" not in response.content
    assert "We can't find that page" in response.content.decode()


def test_a_draft_stays_hidden_from_staff_on_the_public_address(admin_client):
    """Even staff see drafts only through the preview, so the public address means published."""
    draft = make_procedure(status=Procedure.Status.DRAFT)
    assert admin_client.get(draft.get_absolute_url()).status_code == 404


def test_the_explainer_shows_sections_in_order_with_jump_links(client):
    """Sections come in position order, each with an “On this page” link to its heading."""
    procedure = make_procedure()
    add_section(procedure, "Recovery at home", position=30)
    add_section(procedure, "What is a port?", position=10)
    add_section(procedure, "How to get ready", position=20)
    soup = page(client.get(procedure.get_absolute_url()))
    headings = [h.get_text(strip=True) for h in soup.select("section.section > h2")]
    assert headings[:3] == ["What is a port?", "How to get ready", "Recovery at home"]
    links = [a["href"] for a in soup.select(".on-this-page a")]
    assert links[:3] == ["#what-is-a-port", "#how-to-get-ready", "#recovery-at-home"]
    for href in links:
        assert soup.find(id=href[1:]), f"{href} points nowhere"


def test_sections_with_the_same_heading_get_distinct_anchors(client):
    """Two sections called the same still each get a working jump link."""
    procedure = make_procedure()
    add_section(procedure, "Notes", position=1)
    add_section(procedure, "Notes", position=2)
    soup = page(client.get(procedure.get_absolute_url()))
    assert [a["href"] for a in soup.select(".on-this-page a")][:2] == ["#notes", "#notes-2"]


def test_steps_render_as_a_numbered_list_in_order_inside_their_section(client):
    """The steps appear as an ordered list, in position order, under the “what happens” text."""
    procedure = make_procedure()
    add_section(procedure, "What happens, step by step", kind=Section.Kind.STEPS)
    add_step(procedure, "Second step", position=20)
    add_step(procedure, "First step", position=10)
    add_step(procedure, "Third step", position=30)
    soup = page(client.get(procedure.get_absolute_url()))
    section = soup.find("h2", string="What happens, step by step").parent
    steps = section.select("ol.steps > li")
    assert [li.get_text(strip=True) for li in steps] == ["First step", "Second step", "Third step"]


def test_warning_signs_render_in_two_tiers_with_phone_numbers(client):
    """Clinic-tier and 911-tier signs show apart, in order, each tier beside its number."""
    procedure = make_procedure()
    add_section(procedure, "When to call us", kind=Section.Kind.WARNING_SIGNS)
    add_warning_sign(procedure, "Fever", position=20)
    add_warning_sign(procedure, "Redness at the cut", position=10)
    add_warning_sign(procedure, "Chest pain", tier=WarningSign.Tier.EMERGENCY, position=10)
    soup = page(client.get(procedure.get_absolute_url()))
    clinic_tier = soup.select_one(".warning--clinic")
    emergency_tier = soup.select_one(".warning--emergency")
    assert [li.get_text() for li in clinic_tier.select("li")] == ["Redness at the cut", "Fever"]
    assert clinic_tier.find("a", href="tel:+14136932852")
    assert [li.get_text() for li in emergency_tier.select("li")] == ["Chest pain"]
    assert emergency_tier.find("a", href="tel:911")
    assert "Call 911 or go to the emergency room" in emergency_tier.h3.get_text()


def test_questions_render_in_order(client):
    """Questions to ask come as an ordered list a patient can print."""
    procedure = make_procedure()
    add_section(procedure, "Questions to ask your care team", kind=Section.Kind.QUESTIONS)
    add_question(procedure, "How long will I keep it?", position=20)
    add_question(procedure, "Why a port?", position=10)
    soup = page(client.get(procedure.get_absolute_url()))
    assert [li.get_text() for li in soup.select("ol.questions > li")] == [
        "Why a port?",
        "How long will I keep it?",
    ]


def test_lists_without_their_section_still_show_at_the_end(client):
    """Steps added before their section exists are not lost from the page."""
    procedure = make_procedure()
    add_step(procedure, "Lie down")
    soup = page(client.get(procedure.get_absolute_url()))
    assert soup.find("h2", id="steps")
    assert [li.get_text() for li in soup.select("ol.steps > li")] == ["Lie down"]


def test_the_explainer_shows_the_in_short_box_and_who_reviewed_it(client):
    """The summary box comes first and the page says who checked it, when, and when next."""
    procedure = make_procedure(summary="- Takes about an hour.")
    soup = page(client.get(procedure.get_absolute_url()))
    in_short = soup.select_one(".in-short")
    assert "Takes about an hour." in in_short.get_text()
    assert "does not replace talking with your care team" in in_short.get_text()
    about = soup.find(id="about-this-page").parent.get_text(" ", strip=True)
    assert "Jane Smith, MD checked the facts on this page on November 1, 2026" in about
    assert "We will check it again by November 1, 2027" in about


def test_every_page_has_one_h1_landmarks_skip_link_and_meta(client):
    """Each public page carries the basics: lang, one h1, landmarks and a skip link."""
    procedure = make_procedure()
    for url in ["/", "/procedures/", procedure.get_absolute_url()]:
        soup = page(client.get(url))
        assert soup.html["lang"] == "en"
        assert len(soup.find_all("h1")) == 1, url
        assert soup.find("header") and soup.find("main", id="main") and soup.find("footer")
        assert soup.find("nav")
        skip = soup.find("a", class_="skip-link")
        assert skip["href"] == "#main"


def rendered_page(client, url: str):
    """The page at `url`; "500" means the server-error page for the explainer's address."""
    if url == "500":
        return server_error(RequestFactory().get("/procedures/port-placement/"))
    return client.get(url)


@pytest.mark.parametrize(
    ("url", "status", "address"),
    [
        ("/", 200, "/"),
        ("/procedures/", 200, "/procedures/"),
        ("/procedures/port-placement/", 200, "/procedures/port-placement/"),
        ("/request-a-callback/", 200, "/request-a-callback/"),
        ("/no-such-page/", 404, None),  # error pages are no page's address
        ("500", 500, None),
    ],
)
def test_every_page_has_one_h1_a_description_and_absolute_canonical_and_og_tags(
    client, url, status, address
):
    """Search engines and link previews get a title, description and the page's full address
    (none on an error page)."""
    make_procedure(slug="port-placement")
    response = rendered_page(client, url)
    assert response.status_code == status
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()
    if address is None:
        assert soup.find("link", rel="canonical") is None
        assert soup.find("meta", property="og:url") is None
    else:
        full_address = f"https://clinic.example{address}"
        assert soup.find("link", rel="canonical")["href"] == full_address
        assert soup.find("meta", property="og:url")["content"] == full_address
    for name in ("og:title", "og:description", "og:type"):
        assert soup.find("meta", property=name)["content"].strip(), name


def test_the_explainer_uses_its_own_meta_description(client):
    """Search engines get the description the editor wrote for this page."""
    procedure = make_procedure(meta_description="All about ports.")
    soup = page(client.get(procedure.get_absolute_url()))
    assert soup.find("meta", attrs={"name": "description"})["content"] == "All about ports."
    assert soup.find("meta", property="og:description")["content"] == "All about ports."


def test_edited_clinic_details_show_on_every_page(client, django_capture_on_commit_callbacks):
    """The phone number comes from the one editable place."""
    details = ClinicDetails.objects.get()
    details.phone = "413-555-0100"
    with django_capture_on_commit_callbacks(execute=True):
        clinic_details_save(details=details, by=None)
    html = client.get("/").content.decode()
    assert "413-555-0100" in html
    assert 'href="tel:+14135550100"' in html


def long_procedure() -> Procedure:
    """A procedure with many parts, to show the page's cost does not grow with them."""
    procedure = make_procedure()
    for n in range(12):
        add_section(procedure, f"Section {n}", position=n)
    for n in range(15):
        add_step(procedure, f"Step {n}", position=n)
        add_warning_sign(procedure, f"Sign {n}", position=n)
        add_warning_sign(procedure, f"Urgent {n}", tier=WarningSign.Tier.EMERGENCY, position=n)
        add_question(procedure, f"Question {n}", position=n)
    return procedure


def test_the_explainer_renders_in_one_query_right_after_an_editor_publishes_it(
    client, admin_client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """However many parts, the first render after a publish (cache emptied) reads only the
    page and its live version, in one query: the rest is in that version's snapshot."""
    procedure = long_procedure()
    client.get(procedure.get_absolute_url())  # a patient's visit, as on a running site
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(
            admin_client,
            url,
            {
                "title_en": "Renamed",
                "last_reviewed": "2026-11-01",
                "next_review_due": "2027-11-01",
                "_publish": "Save and publish now",
            },
        )
    with django_assert_num_queries(1):
        response = client.get(procedure.get_absolute_url())
    html = response.content.decode()
    assert "<h1>Renamed</h1>" in html
    assert all(f"Section {n}</h2>" in html for n in range(12))
    assert all(f">{kind} 14</li>" in html for kind in ("Step", "Sign", "Urgent", "Question"))


def test_the_explainer_renders_in_at_most_five_queries_right_after_clinic_details_are_saved(
    client, admin_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Saving clinic details puts them straight in the cache: no extra query, new phone shown."""
    procedure = long_procedure()
    client.get(procedure.get_absolute_url())
    details = ClinicDetails.objects.get()
    url = reverse("admin:procedures_clinicdetails_change", args=[details.pk])
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, url, {"phone": "413-555-0100"})
    with django_assert_max_num_queries(5):
        response = client.get(procedure.get_absolute_url())
    assert 'href="tel:+14135550100"' in response.content.decode()
    assert 'href="tel:+14135550100"' in client.get("/").content.decode()


def section_with_picture(procedure, *, width=40, height=30) -> Section:
    section = Section.objects.create(
        procedure=procedure,
        heading="What is a port?",
        body="Text.",
        image=SimpleUploadedFile("port.png", png_bytes(width, height), "image/png"),
        image_alt="Drawing of a port",
    )
    republish(procedure)
    return section


def test_a_picture_whose_file_is_missing_does_not_break_the_page(client):
    """The picture's size comes from the database, so a lost file cannot make a 500."""
    procedure = make_procedure()
    section = section_with_picture(procedure, width=40, height=30)
    assert (section.image_width, section.image_height) == (40, 30)
    default_storage.delete(section.image.name)
    soup = page(client.get(procedure.get_absolute_url()))
    img = soup.select_one(".section__figure img")
    assert (img["width"], img["height"]) == ("40", "30")


measure_pictures = import_module("procedures.migrations.0006_section_image_size").measure_pictures


def test_the_migration_measures_pictures_uploaded_before_sizes_were_stored(capsys):
    """Existing pictures get their size; one it cannot read is kept, named in a warning."""
    procedure = make_procedure()
    kept = section_with_picture(procedure, width=64, height=48)
    lost = section_with_picture(procedure)
    default_storage.delete(lost.image.name)
    Section.objects.update(image_width=None, image_height=None)
    measure_pictures(apps, None)
    kept.refresh_from_db()
    assert (kept.image_width, kept.image_height) == (64, 48)
    stored = Section.objects.filter(pk=lost.pk).values_list("image", "image_width", "image_height")
    assert stored.get() == (lost.image.name, None, None)
    assert lost.image.name in capsys.readouterr().out


def test_the_spanish_explainer_renders_in_at_most_five_queries_right_after_an_editor_saves_it(
    client, admin_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """The starter explainer's Spanish page, first rendered after an editor saves the page
    (cache emptied), costs five queries too, as the English one does."""
    load_starter_content()
    procedure = Procedure.objects.get(slug="port-placement")
    spanish = "/es" + procedure.get_absolute_url()
    client.get(spanish)  # a patient's visit, as on a running site
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, url, {"next_review_due": "2027-12-01"})
    with django_assert_max_num_queries(5):
        response = client.get(spanish)
    html = page(response)
    assert html.html["lang"] == "es"
    assert html.h1.get_text() == "Colocación de un puerto para la quimioterapia"
    assert len(html.select("main section h2")) == 14
