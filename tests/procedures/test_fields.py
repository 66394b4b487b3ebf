"""MeasuredOnceImageField: a picture is measured when uploaded, never reopened after."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from procedures.models import Section
from tests.factories import make_procedure, png_bytes

pytestmark = pytest.mark.django_db


def upload(width: int, height: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("port.png", png_bytes(width, height), "image/png")


def section_with_picture() -> Section:
    """A section whose 40 x 30 picture was uploaded and stored."""
    return Section.objects.create(
        procedure=make_procedure(),
        heading="A",
        body="Text.",
        image=upload(40, 30),
        image_alt="A port",
    )


def test_an_uploaded_picture_is_measured_and_a_replacement_measured_again():
    """Width and height follow each new upload."""
    section = section_with_picture()
    assert (section.image_width, section.image_height) == (40, 30)
    section.image = upload(64, 48)
    section.save()
    section.refresh_from_db()
    assert (section.image_width, section.image_height) == (64, 48)


def test_a_stored_picture_assigned_again_is_not_reopened():
    """With its size on record, assigning the stored picture never reads its (lost) file."""
    section = section_with_picture()
    default_storage.delete(section.image.name)
    section = Section.objects.get(pk=section.pk)
    section.image = section.image  # what a form saved without a new upload does
    section.full_clean()
    assert (section.image_width, section.image_height) == (40, 30)


def test_removing_the_picture_clears_its_size():
    """No picture, no size."""
    section = section_with_picture()
    section.image = None
    section.save()
    section.refresh_from_db()
    assert (section.image_width, section.image_height) == (None, None)
