"""Model fields of our own."""

from django.db import models


class MeasuredOnceImageField(models.ImageField):
    """An ImageField that measures a picture once, when it is uploaded.

    Django measures again whenever the field is assigned, even with the picture
    already stored (a form saved without a new upload does that), which means
    reading the file, and failing if the file went missing. Here a stored picture
    whose width and height are on record is taken as measured.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        file = getattr(instance, self.attname)
        measured = None not in (
            getattr(instance, self.width_field, None),
            getattr(instance, self.height_field, None),
        )
        if file and getattr(file, "_committed", False) and measured:
            return
        super().update_dimension_fields(instance, force, *args, **kwargs)
