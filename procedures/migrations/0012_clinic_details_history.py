"""Each change to the clinic's details is recorded: who, when, each field before and after."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0011_clinic_phone_number"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicDetailsChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="when"
                    ),
                ),
                (
                    "changed_by_name",
                    models.CharField(
                        blank=True, editable=False, max_length=150, verbose_name="who (name)"
                    ),
                ),
                ("changes", models.JSONField(default=dict, editable=False)),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
                (
                    "undoes",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="The earlier change this one put back, if it was an undo.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="procedures.clinicdetailschange",
                    ),
                ),
            ],
            options={
                "verbose_name": "change to the clinic details",
                "verbose_name_plural": "changes to the clinic details",
                "ordering": ["-changed_at", "-pk"],
                "abstract": False,
            },
        ),
    ]
