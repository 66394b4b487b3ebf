"""A chosen picture survives another field's mistake (procedures/pending_pictures.py)."""

import os
import time

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from procedures.pending_pictures import FOLDER, pending_pictures_delete_old, picture_keep
from tests.factories import png_bytes
from tests.procedures.edit_page_helpers import (
    edit_url,
    editor_client,
    errors_in,
    form_data,
    new_picture,
    page_of,
    row_of,
    starter_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    """Each test counts the kept pictures in a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def refused():
    """A picture chosen for “How to get ready” while the page's title was left empty."""
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    section = procedure.sections.get(heading_en="How to get ready")
    row = row_of(data, section)
    data[f"sections-{row}-image"] = new_picture("getting-ready.png")
    data[f"sections-{row}-image_alt_en"] = "Drawing of a patient getting ready"
    data["title_en"] = ""
    response = client.post(edit_url(procedure), data)
    assert response.status_code == 200
    return client, procedure, section, row, response


def test_the_page_says_the_chosen_picture_will_be_saved_with_it(refused):
    _client, _procedure, _section, row, response = refused
    box = page_of(response).select_one(f"#sections-{row} .pending-picture")
    assert box.get_text(" ", strip=True).startswith(
        "Picture chosen: getting-ready.png . It will be saved with the page."
    )
    assert box.find("input", attrs={"name": f"sections-{row}-forget_pending_image"})


def test_the_next_save_uses_the_kept_picture_and_deletes_the_kept_copy(
    refused, django_capture_on_commit_callbacks
):
    client, procedure, section, row, response = refused
    data = form_data(response)
    data["title_en"] = "Port placement for chemotherapy"
    kept = signing.loads(data[f"sections-{row}-pending_image"], salt="procedures.pending-picture")
    assert default_storage.exists(kept)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert section.image.name.startswith("procedures/getting-ready")
    assert (section.image_width, section.image_height) == (60, 45)
    assert not default_storage.exists(kept)


def test_remove_this_picture_saves_the_page_without_it(refused):
    client, procedure, section, row, response = refused
    data = form_data(response)
    data["title_en"] = "Port placement for chemotherapy"
    data[f"sections-{row}-forget_pending_image"] = "on"

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert not section.image


def test_a_hidden_field_changed_by_hand_brings_in_no_file(refused):
    """A name not signed by the site (another file on the server) is ignored."""
    client, procedure, section, row, response = refused
    elsewhere = default_storage.save("procedures/someone-else.png", ContentFile(png_bytes()))
    data = form_data(response)
    data["title_en"] = "Port placement for chemotherapy"
    data[f"sections-{row}-pending_image"] = signing.dumps(elsewhere, salt="another-purpose")

    response = client.post(edit_url(procedure), data)

    assert response.status_code == 302, errors_in(response)
    section.refresh_from_db()
    assert not section.image


def test_kept_pictures_older_than_a_day_are_deleted_and_newer_ones_kept():
    token_old = picture_keep(new_picture("old.png"))
    token_new = picture_keep(new_picture("new.png"))
    old, new = (signing.loads(t, salt="procedures.pending-picture") for t in (token_old, token_new))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))

    assert pending_pictures_delete_old() == 1

    assert not default_storage.exists(old)
    assert default_storage.exists(new)
    assert new.startswith(f"{FOLDER}/")


def test_a_picture_refused_for_its_size_is_not_kept(settings):
    """Only a picture the page could save is kept: one too large is refused, not carried."""
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    procedure = starter_page()
    client = editor_client()
    data = form_data(client.get(edit_url(procedure)))
    row = row_of(data, procedure.sections.get(heading_en="How to get ready"))
    data[f"sections-{row}-image"] = new_picture("too-big.png")
    data[f"sections-{row}-image_alt_en"] = "Drawing of a patient getting ready"

    response = client.post(edit_url(procedure), data)

    assert "Please upload one that is 100 bytes or smaller" in errors_in(response).replace(
        "\xa0", " "
    )
    assert not page_of(response).select(".pending-picture")
    assert not default_storage.exists(FOLDER)
