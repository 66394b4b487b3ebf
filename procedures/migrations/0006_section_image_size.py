"""Store each illustration's width and height, so pages never open the file to size it.

Pictures already uploaded are measured here. One whose file cannot be read now (a
media folder not mounted while migrating, say) is left as it is, with no size, and
named in a warning: unlinking it would lose the editor's picture for good. Until it
is measured (saving its section in the admin does that), pages measure it as they
always did.
"""

import django.core.validators
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import migrations, models

import procedures.fields
import procedures.validators


def measure_pictures(apps, schema_editor):
    Section = apps.get_model("procedures", "Section")
    unreadable = []
    # values_list and update(): loading model instances would already try to measure.
    for pk, name in Section.objects.exclude(image="").values_list("pk", "image"):
        try:
            with default_storage.open(name) as file:
                width, height = get_image_dimensions(file)
        except OSError:
            width = height = None
        if width and height:
            Section.objects.filter(pk=pk).update(image_width=width, image_height=height)
        else:
            unreadable.append(name)
    if unreadable:
        print(  # noqa: T201 - migrate's own output is where an operator looks
            "\n  Warning: these illustrations could not be read to store their size; "
            "they are kept as they are: " + ", ".join(unreadable)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0005_mark_starter_content_loaded"),
    ]

    operations = [
        migrations.AddField(
            model_name="section",
            name="image_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="section",
            name="image_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="section",
            name="image",
            field=procedures.fields.MeasuredOnceImageField(
                blank=True,
                height_field="image_height",
                help_text="Optional. A JPEG, PNG or WebP picture, 5 MB at most.",
                upload_to="procedures/",
                validators=[
                    django.core.validators.FileExtensionValidator(
                        ["jpg", "jpeg", "png", "webp"],
                        message="Please upload a JPEG, PNG or WebP picture. Files ending in “.%(extension)s” can't be used.",
                    ),
                    procedures.validators.validate_image_size,
                ],
                verbose_name="illustration",
                width_field="image_width",
            ),
        ),
        migrations.RunPython(measure_pictures, migrations.RunPython.noop),
    ]
