"""Editors' work in the admin: create, publish, preview, upload pictures."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procedures.models import Procedure, Section
from tests.factories import make_procedure, make_staff_user, png_bytes, sign_in

pytestmark = pytest.mark.django_db

INLINES = ("sections", "steps", "warning_signs", "questions")
# What publishing a page changes in its form: the button pressed (a medical review is
# recorded apart: tests/procedures/test_clinical_review.py).
PUBLISHED = {"_publish": "Save and publish now"}


def procedure_form(**overrides) -> dict:
    """The add/change form as a browser would post it, with empty inlines."""
    data = {
        "title_en": "Vein ablation",
        "slug": "vein-ablation",
        "summary_en": "- Takes about an hour.",
        "other_names_en": "",
        "meta_description_en": "What happens during vein ablation.",
        "procedure_type": "PercutaneousProcedure",
        "body_location_en": "Leg",
    }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | english_columns(overrides)


def english_columns(fields: dict) -> dict:
    """The fields as the admin names them: a translated field's English is `<name>_en`."""
    translated = {"title", "summary", "other_names", "meta_description", "body_location"}
    translated |= {"heading", "body", "image_alt"}
    return {f"{name}_en" if name in translated else name: value for name, value in fields.items()}


def with_section(data: dict, index: int, **fields) -> dict:
    data = dict(data)
    data["sections-TOTAL_FORMS"] = str(index + 1)
    values = {"position": "10", "kind": "general", "image_alt": "", **fields}
    for name, value in english_columns(values).items():
        data[f"sections-{index}-{name}"] = value
    return data


def errors_in(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".errorlist"))


def test_an_editor_creates_a_draft_then_publishes_it(admin_client, client):
    """A draft with sections and steps saved in the admin goes live once published."""
    data = with_section(procedure_form(), 0, heading="What happens", kind="steps", body="Here.")
    data |= {
        "steps-TOTAL_FORMS": "2",
        "steps-0-position": "1",
        "steps-0-text_en": "Lie down.",
        "steps-1-position": "2",
        "steps-1-text_en": "Rest.",
    }
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    procedure = Procedure.objects.get(slug="vein-ablation")
    assert procedure.status == Procedure.Status.DRAFT
    assert client.get("/procedures/vein-ablation/").status_code == 404

    data = procedure_form(**PUBLISHED)
    data |= {
        "sections-INITIAL_FORMS": "1",
        "sections-TOTAL_FORMS": "1",
        "sections-0-id": str(procedure.sections.get().pk),
        "sections-0-procedure": str(procedure.pk),
        "sections-0-position": "10",
        "sections-0-heading_en": "What happens",
        "sections-0-kind": "steps",
        "sections-0-body_en": "Here.",
        "sections-0-image_alt_en": "",
    }
    steps = list(procedure.steps.all())
    data |= {"steps-INITIAL_FORMS": "2", "steps-TOTAL_FORMS": "2"}
    for i, step in enumerate(steps):
        data |= {
            f"steps-{i}-id": str(step.pk),
            f"steps-{i}-procedure": str(procedure.pk),
            f"steps-{i}-position": str(step.position),
            f"steps-{i}-text_en": step.text,
        }
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, errors_in(response)

    public = client.get("/procedures/vein-ablation/")
    assert public.status_code == 200
    assert b"<li>Lie down.</li>" in public.content


def test_a_content_editor_creates_and_publishes_a_page_with_all_its_parts(
    client, django_capture_on_commit_callbacks
):
    """A content editor who may publish, not a superuser, can write and publish a whole page."""
    editor = make_staff_user("editor", groups=["Content editors", "Can publish"])
    assert not editor.is_superuser
    editor_client = Client()
    sign_in(editor_client, editor)
    assert "Vein ablation" not in client.get("/procedures/").content.decode()  # now cached

    data = with_section(procedure_form(), 0, heading="What happens", kind="steps", body="Here.")
    data |= {
        "steps-TOTAL_FORMS": "1",
        "steps-0-position": "10",
        "steps-0-text_en": "Lie down.",
        "warning_signs-TOTAL_FORMS": "1",
        "warning_signs-0-position": "10",
        "warning_signs-0-tier": "emergency",
        "warning_signs-0-text_en": "Chest pain",
        "questions-TOTAL_FORMS": "1",
        "questions-0-position": "10",
        "questions-0-text_en": "How long does it take?",
    }
    response = editor_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    procedure = Procedure.objects.get(slug="vein-ablation")

    publish = procedure_form(**PUBLISHED)
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, publish)
    assert response.status_code == 302, errors_in(response)

    listing = BeautifulSoup(client.get("/procedures/").content, "html.parser")
    assert listing.find("a", href="/procedures/vein-ablation/")
    page = client.get("/procedures/vein-ablation/").content.decode()
    for part in ("What happens</h2>", "<li>Lie down.</li>", "<li>Chest pain</li>"):
        assert part in page
    assert "<li>How long does it take?</li>" in page


def test_two_new_sections_of_the_same_special_kind_are_refused_in_plain_words(admin_client):
    """Two “steps” sections added in one save get a message on the form, not a server error."""
    data = with_section(procedure_form(), 0, heading="What happens", kind="steps", body="A.")
    data = with_section(data, 1, heading="What happens next", kind="steps", body="B.")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 200
    assert "Another section on this page is already “What happens" in errors_in(response)
    assert b"What happens next" in response.content
    assert not Procedure.objects.exists()


def test_two_new_general_sections_may_be_added_in_one_save(admin_client):
    """The once-per-page rule leaves “General information” sections alone."""
    data = with_section(procedure_form(), 0, heading="One", body="A.")
    data = with_section(data, 1, heading="Two", body="B.")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    assert Section.objects.count() == 2


def test_a_page_is_published_without_a_review_and_says_so_to_patients(admin_client, client):
    """Publishing needs no review (it is recorded apart); the page says none was done."""
    data = procedure_form(**PUBLISHED)
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    procedure = Procedure.objects.get()
    assert procedure.status == Procedure.Status.PUBLISHED
    assert (procedure.reviewed_by, procedure.last_reviewed) == ("", None)
    page = client.get("/procedures/vein-ablation/").content.decode()
    assert "The clinic's medical team has not yet reviewed this page." in page


def test_the_edit_form_does_not_change_the_review_on_record(admin_client):
    """Review fields posted with the edit form are not fields of it: the review stays."""
    procedure = make_procedure(slug="vein-ablation")
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    changes = {"reviewed_by": "Someone Else", "last_reviewed": "2026-12-01"}
    response = admin_client.post(url, procedure_form(**PUBLISHED, **changes))
    assert response.status_code == 302, errors_in(response)
    procedure.refresh_from_db()
    assert (procedure.reviewed_by, procedure.last_reviewed) == (
        "Jane Smith, MD",
        date(2026, 11, 1),
    )


def test_a_file_that_is_not_a_picture_is_refused_with_a_clear_message(admin_client):
    """Uploading a text file renamed .png gives a plain error and saves nothing."""
    data = with_section(
        procedure_form(), 0, heading="What is it?", body="Text.", image_alt="A port"
    )
    data["sections-0-image"] = SimpleUploadedFile("port.png", b"not a picture", "image/png")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 200
    assert "This file is not a picture we can use." in errors_in(response)
    assert not Procedure.objects.exists()


def test_a_picture_that_is_too_large_is_refused_with_its_size(admin_client, settings):
    """A picture over the limit is refused, saying how big it is and what the limit is."""
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    data = with_section(
        procedure_form(), 0, heading="What is it?", body="Text.", image_alt="A port"
    )
    picture = png_bytes(200, 200)
    data["sections-0-image"] = SimpleUploadedFile("port.png", picture, "image/png")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 200
    message = errors_in(response).replace("\xa0", " ")
    expected = (
        f"This picture is {len(picture)} bytes. Please upload one that is 100 bytes or smaller."
    )
    assert expected in message
    assert not Procedure.objects.exists()


def test_a_picture_without_a_description_is_refused(admin_client):
    """Alt text is required whenever a picture is set."""
    data = with_section(procedure_form(), 0, heading="What is it?", body="Text.")
    data["sections-0-image"] = SimpleUploadedFile("port.png", png_bytes(), "image/png")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert "Describe the picture for people who cannot see it." in errors_in(response)
    assert not Section.objects.exists()


def test_a_good_picture_with_a_description_shows_on_the_page(admin_client, client):
    """A valid upload is stored and shown with its alt text and size."""
    data = with_section(
        procedure_form(**PUBLISHED),
        0,
        heading="What is it?",
        body="Text.",
        image_alt="Drawing of a port",
    )
    data["sections-0-image"] = SimpleUploadedFile("port.png", png_bytes(40, 30), "image/png")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    soup = BeautifulSoup(client.get("/procedures/vein-ablation/").content, "html.parser")
    img = soup.select_one(".section__figure img")
    assert img["alt"] == "Drawing of a port"
    assert (img["width"], img["height"]) == ("40", "30")


def test_a_page_whose_picture_file_is_missing_can_still_be_saved(admin_client):
    """Saving a page leaves stored pictures alone instead of opening their files again."""
    data = with_section(procedure_form(), 0, heading="What is it?", body="Text.", image_alt="A")
    data["sections-0-image"] = SimpleUploadedFile("port.png", png_bytes(40, 30), "image/png")
    response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    assert response.status_code == 302, errors_in(response)
    section = Section.objects.get()
    picture = section.image.name
    default_storage.delete(picture)

    data = procedure_form(title="Vein ablation, renamed")
    data |= {
        "sections-INITIAL_FORMS": "1",
        "sections-TOTAL_FORMS": "1",
        "sections-0-id": str(section.pk),
        "sections-0-procedure": str(section.procedure_id),
        "sections-0-position": "10",
        "sections-0-heading_en": "What is it now?",
        "sections-0-kind": "general",
        "sections-0-body_en": "Text.",
        "sections-0-image_alt_en": "A",
    }
    url = reverse("admin:procedures_procedure_change", args=[section.procedure_id])
    response = admin_client.post(url, data)
    assert response.status_code == 302, errors_in(response)
    section = Section.objects.get()
    assert (section.heading, section.image.name) == ("What is it now?", picture)
    assert (section.image_width, section.image_height) == (40, 30)


def test_staff_preview_a_draft_through_the_admin(admin_client):
    """The preview link shows a draft exactly as patients would see it, marked as a preview."""
    draft = make_procedure(status=Procedure.Status.DRAFT, title="Secret draft")
    change_page = admin_client.get(reverse("admin:procedures_procedure_change", args=[draft.pk]))
    preview_url = reverse("admin:procedures_procedure_preview", args=[draft.pk])
    assert preview_url.encode() in change_page.content
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Secret draft"
    assert "Patients do not see this view" in soup.select_one(".preview-banner").get_text()
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    public_address = f"https://clinic.example{draft.get_absolute_url()}"
    assert soup.find("link", rel="canonical")["href"] == public_address
    assert soup.find("meta", property="og:url")["content"] == public_address


def test_the_public_cannot_open_a_preview(client):
    """Anyone not logged in as staff is sent to the staff login instead."""
    draft = make_procedure(status=Procedure.Status.DRAFT)
    response = client.get(reverse("admin:procedures_procedure_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_who_may_not_see_procedures_are_refused_a_preview(client):
    """The front desk has no business with drafts: the preview answers 403, like the admin."""
    draft = make_procedure(status=Procedure.Status.DRAFT)
    sign_in(client, make_staff_user("frontdesk", groups=["Front desk"]))
    response = client.get(reverse("admin:procedures_procedure_preview", args=[draft.pk]))
    assert response.status_code == 403


def test_the_procedure_list_filters_by_status_and_review_due(admin_client):
    """Editors can list drafts only, and pages whose review is due."""
    make_procedure(title="Due page", next_review_due="2020-01-01", last_reviewed="2019-01-01")
    make_procedure(title="Draft page", status=Procedure.Status.DRAFT)
    url = reverse("admin:procedures_procedure_changelist")
    drafts = admin_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Draft page" in drafts and "Due page" not in drafts
    due = admin_client.get(url, {"review": "due"}).content.decode()
    assert "Due page" in due and "Draft page" not in due


def changelist_titles(admin_client, **query) -> list[str]:
    response = admin_client.get(reverse("admin:procedures_procedure_changelist"), query)
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(link.get_text(strip=True) for link in soup.select("#result_list tbody th a"))


def test_review_due_soon_lists_pages_due_in_the_next_30_days_only(admin_client):
    """“Due in the next 30 days” leaves out pages already due and pages due later."""
    today = timezone.localdate()
    for title, days in [("Overdue", -1), ("Due in 10 days", 10), ("Due in 30 days", 30)]:
        make_procedure(
            title=title,
            last_reviewed=today - timedelta(days=400),
            next_review_due=today + timedelta(days=days),
        )
    make_procedure(title="Due in 60 days", next_review_due=today + timedelta(days=60))
    assert changelist_titles(admin_client, review="soon") == ["Due in 10 days", "Due in 30 days"]
    assert changelist_titles(admin_client, review="due") == ["Overdue"]


def test_editors_find_a_page_by_its_title_other_names_or_description(admin_client):
    """The admin's search box looks in the title, the other names and the search description."""
    make_procedure(title="Port placement", other_names="Mediport")
    make_procedure(title="Vein ablation", meta_description="Treating varicose veins.")
    make_procedure(title="Biopsy")
    assert changelist_titles(admin_client, q="placement") == ["Port placement"]
    assert changelist_titles(admin_client, q="mediport") == ["Port placement"]
    assert changelist_titles(admin_client, q="varicose") == ["Vein ablation"]


def test_every_editable_field_explains_itself():
    """Every field an editor fills in has help text in plain words."""
    from procedures.models import ClinicDetails, Question, Step, WarningSign

    for model in (Procedure, Section, Step, WarningSign, Question, ClinicDetails):
        for field in model._meta.get_fields():
            if getattr(field, "editable", False) and not field.auto_created and field.concrete:
                if field.name in {"procedure", "created_at", "updated_at"}:
                    continue
                assert field.help_text, f"{model.__name__}.{field.name} has no help text"
