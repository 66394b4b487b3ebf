"""Published pages become revisions: what patients see is a snapshot taken at publishing.

Each page published before this gets version 1, a snapshot of its rows as they are, and
that version is what patients see from now on. A "Can publish" group holds the new
permission; content editors may read the history.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from config.roles import create_group_with_permissions, grant_permissions, revoke_permissions

CAN_PUBLISH = "Can publish"
LANGUAGES = ["en", "es"]


def _in_each_language(*names):
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


# The snapshot format of procedures/page_content.py as it was when this migration was written.
PROCEDURE_FIELDS = [
    "slug",
    "procedure_type",
    *_in_each_language("title", "summary", "other_names", "meta_description", "body_location"),
]
PARTS = {
    "sections": (
        "Section",
        [
            "id",
            "position",
            "kind",
            *_in_each_language("heading", "body"),
            "image",
            "image_width",
            "image_height",
            *_in_each_language("image_alt"),
        ],
    ),
    "steps": ("Step", ["id", "position", *_in_each_language("text")]),
    "warning_signs": ("WarningSign", ["id", "position", "tier", *_in_each_language("text")]),
    "questions": ("Question", ["id", "position", *_in_each_language("text")]),
}


def _values(row, names):
    values = {name: getattr(row, name) for name in names}
    if "image" in values:
        values["image"] = values["image"].name or ""
    return values


def publish_pages_as_version_one(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    PageRevision = apps.get_model("procedures", "PageRevision")
    for procedure in Procedure.objects.filter(status="published"):
        content = {"format": 1, "procedure": _values(procedure, PROCEDURE_FIELDS)}
        for name, (model_name, fields) in PARTS.items():
            rows = apps.get_model("procedures", model_name).objects.filter(procedure=procedure)
            rows = sorted(rows, key=lambda row: (row.position, row.pk))
            content[name] = [_values(row, fields) for row in rows]
        now = timezone.now()
        revision = PageRevision.objects.create(
            procedure=procedure,
            number=1,
            kind="published",
            content=content,
            note="The page as it was when versions began",
            created_by_name="",
            created_at=now,
            published_at=now,
        )
        procedure.live_revision = revision
        procedure.save(update_fields=["live_revision"])


def create_groups(apps, schema_editor):
    create_group_with_permissions(apps, CAN_PUBLISH, [("procedures", "publish_procedure")])
    grant_permissions(apps, "Content editors", [("procedures", "view_pagerevision")])


def remove_groups(apps, schema_editor):
    revoke_permissions(apps, "Content editors", [("procedures", "view_pagerevision")])
    apps.get_model("auth", "Group").objects.filter(name=CAN_PUBLISH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0009_spanish_review"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="procedure",
            options={
                "ordering": ["title"],
                "permissions": [("publish_procedure", "Can publish procedure pages")],
            },
        ),
        migrations.AlterField(
            model_name="procedure",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft (hidden from patients)"),
                    ("published", "Published (patients can see it)"),
                ],
                default="draft",
                editable=False,
                help_text="Set by publishing and unpublishing (procedures/publishing.py), never typed.",
                max_length=12,
            ),
        ),
        migrations.CreateModel(
            name="PageRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.PositiveIntegerField(help_text="1, 2, 3... for this page: “version 4”."),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("draft", "Saved draft"),
                            ("published", "Published"),
                            ("scheduled", "Scheduled"),
                            ("restored", "Restored from an earlier version"),
                            ("unpublished", "Taken off the site"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "content",
                    models.JSONField(help_text="The whole page (procedures/page_content.py)."),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Optional. A few words for the page's history, e.g. “Updated recovery advice after Dr Smith's review”.",
                        max_length=200,
                        verbose_name="note about this change",
                    ),
                ),
                ("created_by_name", models.CharField(blank=True, max_length=150)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="For a scheduled version: when it goes live.",
                        null=True,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True, help_text="When this version went live, if it did.", null=True
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "procedure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="procedures.procedure",
                    ),
                ),
            ],
            options={
                "ordering": ["-number"],
            },
        ),
        migrations.AddField(
            model_name="procedure",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The version patients see, while the page is published.",
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to="procedures.pagerevision",
            ),
        ),
        migrations.AddField(
            model_name="procedure",
            name="scheduled_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The version to publish at its publish_at time, if one is scheduled.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="procedures.pagerevision",
            ),
        ),
        migrations.AddConstraint(
            model_name="pagerevision",
            constraint=models.UniqueConstraint(
                fields=("procedure", "number"), name="one_revision_number_per_page"
            ),
        ),
        migrations.RunPython(publish_pages_as_version_one, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="procedure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("live_revision__isnull", False),
                    _connector="OR",
                ),
                name="published_page_has_live_revision",
            ),
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
