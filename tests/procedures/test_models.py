"""The rules the content models enforce."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from procedures.models import ClinicDetails, Procedure, Section
from procedures.publishing import page_publish
from tests.factories import add_section, make_procedure, png_bytes

pytestmark = pytest.mark.django_db


def test_publishing_does_not_require_a_review():
    """A page may be published before anyone has reviewed it (the page then says so)."""
    procedure = Procedure(
        title="New page", slug="new-page", summary="- Short.", meta_description="A page."
    )
    procedure.full_clean()
    procedure.save()
    page_publish(procedure=procedure, by=None)
    procedure.refresh_from_db()
    assert procedure.is_published
    assert (procedure.reviewed_by, procedure.last_reviewed, procedure.next_review_due) == (
        "",
        None,
        None,
    )


def test_a_draft_may_be_saved_without_review_details():
    """Editors can save work in progress before anyone has reviewed it."""
    procedure = Procedure(
        title="Draft page", slug="draft-page", summary="- Short.", meta_description="A page."
    )
    procedure.full_clean()
    assert procedure.status == Procedure.Status.DRAFT


def test_next_review_must_come_after_the_last_review():
    """A next-review date on or before the last review is refused with a plain message."""
    procedure = make_procedure()
    procedure.next_review_due = procedure.last_reviewed
    with pytest.raises(ValidationError) as raised:
        procedure.full_clean()
    assert raised.value.message_dict["next_review_due"] == [
        "The next review must come after the last review."
    ]


def test_slugs_are_unique():
    """Two procedures cannot share a web address."""
    make_procedure(slug="port-placement")
    with pytest.raises(ValidationError) as raised:
        make_procedure(slug="port-placement")
    assert "slug" in raised.value.message_dict


def test_meta_description_is_limited_to_160_characters():
    """Search-result descriptions stay short enough to show in full."""
    procedure = make_procedure()
    procedure.meta_description = "x" * 161
    with pytest.raises(ValidationError) as raised:
        procedure.full_clean()
    assert "meta_description" in raised.value.message_dict


def test_published_returns_only_published_procedures():
    """The one definition of “published” leaves drafts out."""
    published = make_procedure()
    make_procedure(status=Procedure.Status.DRAFT)
    assert list(Procedure.objects.published()) == [published]


def test_review_due_finds_pages_whose_review_date_has_come():
    """Pages due for review on or before a day are found; later ones are not."""
    due = make_procedure(next_review_due=date(2027, 1, 1))
    make_procedure(next_review_due=date(2027, 6, 1))
    assert list(Procedure.objects.review_due(on=date(2027, 1, 1))) == [due]


def test_other_names_are_read_one_per_line():
    """Other names typed one per line come back as a clean list."""
    procedure = make_procedure(other_names="Port-a-cath\n\n  Mediport  \n")
    assert procedure.other_names_list == ["Port-a-cath", "Mediport"]


def test_sections_come_back_in_position_order():
    """Editors order sections by position, whatever order they were added in."""
    procedure = make_procedure()
    add_section(procedure, "Third", position=30)
    add_section(procedure, "First", position=10)
    add_section(procedure, "Second", position=20)
    assert [s.heading for s in procedure.sections.all()] == ["First", "Second", "Third"]


def test_an_illustration_needs_a_description():
    """A section with a picture but no alt text is refused with a plain message."""
    procedure = make_procedure()
    section = Section(
        procedure=procedure,
        heading="What is a port?",
        body="Text.",
        image=SimpleUploadedFile("port.png", png_bytes(), content_type="image/png"),
    )
    with pytest.raises(ValidationError) as raised:
        section.full_clean()
    assert raised.value.message_dict["image_alt_en"] == [
        "Describe the picture for people who cannot see it."
    ]


def test_an_illustration_must_be_a_jpeg_png_or_webp_file():
    """Other kinds of file are refused, naming the kinds that work."""
    procedure = make_procedure()
    section = Section(
        procedure=procedure,
        heading="What is a port?",
        body="Text.",
        image=SimpleUploadedFile("port.gif", b"GIF89a", content_type="image/gif"),
        image_alt="A port",
    )
    with pytest.raises(ValidationError) as raised:
        section.full_clean()
    assert "Please upload a JPEG, PNG or WebP picture." in raised.value.message_dict["image"][0]


def test_each_special_kind_of_section_is_used_once_per_page():
    """Only one section can hold the numbered steps (and likewise the warning signs, questions)."""
    procedure = make_procedure()
    add_section(procedure, "What happens", kind=Section.Kind.STEPS)
    with pytest.raises(IntegrityError):
        add_section(procedure, "What happens again", kind=Section.Kind.STEPS)


def test_general_sections_may_repeat():
    """Any number of plain text sections can be added."""
    procedure = make_procedure()
    add_section(procedure, "One")
    add_section(procedure, "Two")
    assert procedure.sections.count() == 2


def test_clinic_details_start_with_the_clinics_own_values():
    """A fresh database already holds the clinic's name, phone and service area."""
    details = ClinicDetails.objects.get()
    assert details.name == "New England Endovascular Center"
    assert details.phone == "+14136932852"
    assert details.phone_shown == "413-693-2852"
    assert details.phone_e164 == "+14136932852"
    assert "Western Massachusetts and Northern Connecticut" in details.service_area_sentence


def test_clinic_details_are_a_single_row():
    """Saving another set of clinic details updates the one row instead of adding one."""
    ClinicDetails(name="Renamed clinic").save()
    assert ClinicDetails.objects.count() == 1
    assert ClinicDetails.objects.get().name == "Renamed clinic"


def test_clinic_phone_must_be_a_real_us_number():
    """A phone number that cannot be dialed is refused with an example of a good one."""
    details = ClinicDetails.objects.get()
    details.phone = "555-CALL"
    with pytest.raises(ValidationError) as raised:
        details.full_clean()
    assert "e.g. 413-693-2852" in raised.value.message_dict["phone"][0]


@pytest.mark.parametrize(
    ("typed", "dialed"),
    [("(413) 693-2852", "+14136932852"), ("413.555.0100", "+14135550100")],
)
def test_the_clinic_phone_is_stored_for_dialing_and_shown_as_patients_know_it(typed, dialed):
    """Any familiar way of writing the number is saved in E.164 and shown as 413-693-2852."""
    details = ClinicDetails.objects.get()
    details.phone = typed
    details.full_clean()
    details.save()
    details = ClinicDetails.objects.get()
    assert details.phone_e164 == dialed
    assert details.phone_shown == f"{dialed[2:5]}-{dialed[5:8]}-{dialed[8:]}"
