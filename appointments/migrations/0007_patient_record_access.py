"""Who saw which patient: a record each time staff open a request, search the list or download."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0006_phone_number_label"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PatientRecordAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="when"
                    ),
                ),
                ("username", models.CharField(max_length=150, verbose_name="who")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("opened", "Opened a request"),
                            ("searched", "Searched the list"),
                            ("downloaded", "Downloaded CSV"),
                        ],
                        max_length=12,
                        verbose_name="what",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="The request opened; empty for a search or a download.",
                        max_length=10,
                    ),
                ),
                (
                    "filters",
                    models.TextField(
                        blank=True,
                        help_text="The list's filters in use, e.g. “status__exact=new, overdue=yes”.",
                    ),
                ),
                (
                    "searched",
                    models.BooleanField(
                        default=False,
                        help_text="A search narrowed the rows. The words searched for are never kept.",
                    ),
                ),
                (
                    "row_count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Rows found by the search, or written to the download.",
                        null=True,
                        verbose_name="rows",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        help_text="Empty once the account is deleted; the user name stays.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "patient record access",
                "verbose_name_plural": "who saw which patient",
                "ordering": ["-at", "-pk"],
                "default_permissions": (),
            },
        ),
    ]
