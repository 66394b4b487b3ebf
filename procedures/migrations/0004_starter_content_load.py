"""A record of starter content loaded once, so it is never loaded again."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0003_content_editors_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="StarterContentLoad",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Which starter content was loaded: the slug of its page, e.g. “port-placement”.",
                        max_length=80,
                        unique=True,
                    ),
                ),
                (
                    "loaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, help_text="When it was loaded."
                    ),
                ),
            ],
        ),
    ]
