"""Checks on what editors upload."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


def validate_image_size(file) -> None:
    """Refuse an upload over MAX_IMAGE_UPLOAD_BYTES.

    A picture already stored was checked when it was uploaded; it is not sized
    again, which would mean reading its file (and failing if the file went missing).
    """
    if getattr(file, "_committed", False):
        return
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            "This picture is %(size)s. Please upload one that is %(limit)s or smaller.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
