"""An uploaded picture is written as a new file in VAR_DIR/media, never a temporary file
moved into place: a new file takes the folder's access-control entries (docs/deploy.md: the
one that lets nginx read pictures), a moved one keeps the temporary file's own."""

import io
import os
import random
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from procedures.models import Section
from tests.procedures.test_admin import errors_in, procedure_form, with_section

pytestmark = pytest.mark.django_db


def noisy_png(size: int) -> bytes:
    """A PNG of about `size` bytes: random pixels do not compress."""
    side = int((size / 3) ** 0.5)
    pixels = random.Random(1).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_picture_as_large_as_allowed_is_written_as_a_new_file(admin_client, settings):
    """A picture of nearly MAX_IMAGE_UPLOAD_BYTES (over Django's 2.5 MB in-memory default)
    is written with open(), so the umask (or the folder's default ACL) decides its mode."""
    picture = noisy_png(settings.MAX_IMAGE_UPLOAD_BYTES - 200 * 1024)
    assert 2.5 * 1024 * 1024 < len(picture) <= settings.MAX_IMAGE_UPLOAD_BYTES
    data = with_section(procedure_form(), 0, heading="What is it?", body="T.", image_alt="A port")
    data["sections-0-image"] = SimpleUploadedFile("port.png", picture, "image/png")
    old_umask = os.umask(0o022)
    try:
        response = admin_client.post(reverse("admin:procedures_procedure_add"), data)
    finally:
        os.umask(old_umask)
    assert response.status_code == 302, errors_in(response)
    stored = Section.objects.get().image.path
    # 0644 is open()'s 0666 less the umask; a moved temporary file would still be 0600.
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o644
