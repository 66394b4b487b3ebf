"""The Spanish catalogue (locale/es/LC_MESSAGES/django.po) has every string the code marks
for translation, each translated, and compiles."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"


def gettext_missing():
    """Skip with the reason, or fail when running in CI."""
    message = "GNU gettext is not installed here: apt-get install gettext"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)")
    pytest.skip(message)


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(path)) if not entry.obsolete}


def test_every_string_in_the_catalogue_is_translated_and_none_is_fuzzy():
    """A fuzzy or empty entry would show English on a Spanish page."""
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_catalogue_compiles_with_its_placeholders_intact(tmp_path):
    """msgfmt --check refuses a translation that drops or renames a %(name)s placeholder."""
    msgfmt = shutil.which("msgfmt") or gettext_missing()
    subprocess.run(
        [msgfmt, "--check", "--output-file", str(tmp_path / "django.mo"), str(CATALOGUE)],
        check=True,
    )


def test_the_catalogue_holds_every_string_the_code_marks(tmp_path):
    """`make messages` would add nothing: no marked string is missing from the catalogue.

    makemessages writes into the catalogue it finds, so it runs on a copy of the code.
    """
    if shutil.which("xgettext") is None:
        gettext_missing()
    for name in ["appointments", "config", "procedures", "staff", "templates", "locale"]:
        shutil.copytree(settings.BASE_DIR / name, tmp_path / name)
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *MAKE_MESSAGES_ARGS],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    collected = set(entries(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = collected - set(entries(CATALOGUE))
    assert missing == set(), "Run `make messages` and translate these"


# As the Makefile's `messages` target runs it.
MAKE_MESSAGES_ARGS = [
    "--locale=es",
    "--add-location=file",
    "--no-obsolete",
    "--ignore=templates/admin",
    "--ignore=templates/staff",
    "--ignore=due_words.py",
]
