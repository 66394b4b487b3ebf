"""Fast, isolated settings for pytest.

In-memory caches (or Redis when REDIS_URL is set, so CI proves the real thing),
plain static storage (no collectstatic needed), a quick password hasher, and
no waiting between loading and sending the callback form unless a test asks.
"""

import tempfile
from pathlib import Path

from config.env import env

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SITE_URL = "https://clinic.example"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = tempfile.mkdtemp(prefix="neec-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="neec-test-static-")  # whitenoise wants it to exist
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the task worker, the live server's thread and the tests
    # then all see one database, however often each opens and closes connections.
    TEST_DB_DIR = Path(tempfile.mkdtemp(prefix="neec-test-db-"))
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_DB_DIR / "test.sqlite3")}
STAFF_NOTIFICATION_EMAILS = ["front-desk@clinic.example"]
DEFAULT_FROM_EMAIL = "New England Endovascular Center <no-reply@clinic.example>"
CALLBACK_MIN_FILL_SECONDS = 0
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

if not env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "default",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }
