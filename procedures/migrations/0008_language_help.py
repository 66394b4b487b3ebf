"""Language help in more languages (LanguageHelpNotice), edited by the Content editors."""

from django.db import migrations, models

import procedures.language_tags
from config.roles import grant_permissions, revoke_permissions

CONTENT_EDITORS = "Content editors"
PERMISSIONS = [
    ("procedures", f"{action}_languagehelpnotice") for action in ("view", "add", "change", "delete")
]


def grant(apps, schema_editor):
    grant_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, CONTENT_EDITORS, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0007_spanish_beside_english"),
        ("procedures", "0003_content_editors_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="LanguageHelpNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        error_messages={
                            "unique": "This language is on the page already: change that one."
                        },
                        help_text="The language's short code: “pt” Portuguese, “vi” Vietnamese, “ht” Haitian Creole, “zh-Hant” Chinese (traditional characters), “ar” Arabic. Browsers and screen readers use it to read the text aloud in the right language.",
                        max_length=35,
                        unique=True,
                        validators=[procedures.language_tags.validate_language_tag],
                        verbose_name="language code",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The language's name for itself, as its speakers write it: “Português”, “Tiếng Việt”, “Kreyòl ayisyen”, “中文”, “العربية”.",
                        max_length=60,
                        verbose_name="language name",
                    ),
                ),
                (
                    "sentence",
                    models.TextField(
                        help_text="In that language: “Free interpreters are available by phone, at no cost to you. Call us and tell us the language you speak.” Plain text. The page shows the clinic's phone number under it: do not type it here.",
                        max_length=400,
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Lower numbers come first. Leave gaps (10, 20, 30) to make moving easy.",
                    ),
                ),
            ],
            options={
                "verbose_name": "language help in another language",
                "verbose_name_plural": "language help in other languages",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
