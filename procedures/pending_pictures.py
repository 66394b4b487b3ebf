"""Pictures an editor chose for a page that could not be saved yet.

When the edit page comes back with a mistake to correct, the picture already chosen is kept
under procedures/pending/ and its name travels in a signed hidden field, so the next Save
uses it without choosing the file again. A picture saved with its page is deleted from here
at once; `pending_pictures_delete_old` deletes those left behind (a page never saved).
"""

import secrets
from datetime import timedelta

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename

FOLDER = "procedures/pending"
KEPT_FOR = timedelta(days=1)
_SALT = "procedures.pending-picture"


def picture_keep(upload) -> str:
    """Store a chosen picture until its page is saved; return the signed token for the form."""
    name = f"{FOLDER}/{secrets.token_hex(8)}_{get_valid_filename(upload.name)}"
    upload.seek(0)
    stored = default_storage.save(name, upload)
    upload.seek(0)
    return signing.dumps(stored, salt=_SALT)


def picture_name(token: str) -> str | None:
    """The stored name a token stands for, or None if the token was altered, is too old
    or its picture is gone."""
    try:
        stored = signing.loads(token, salt=_SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if not stored.startswith(f"{FOLDER}/") or not default_storage.exists(stored):
        return None
    return stored


def picture_file(stored: str) -> File:
    """The kept picture, opened, named as the editor's file was (without the random part)."""
    return File(default_storage.open(stored), name=shown_name(stored))


def shown_name(stored: str) -> str:
    """The file's name as the editor chose it."""
    return stored.rsplit("/", 1)[-1].split("_", 1)[-1]


def picture_forget(stored: str) -> None:
    default_storage.delete(stored)


def pending_pictures_delete_old(now=None) -> int:
    """Delete kept pictures older than a day (their page was never saved); return how many."""
    now = now or timezone.now()
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for filename in files:
        stored = f"{FOLDER}/{filename}"
        if now - default_storage.get_modified_time(stored) > KEPT_FOR:
            default_storage.delete(stored)
            deleted += 1
    return deleted
