"""Production: DEBUG off, every secret from the environment, refuse to start without them.

A variable read with no default is required (see config/env.py).

`make run` uses these settings too, with safe local values written once into
var/local.env (see the Makefile); a real deployment sets real ones.
"""

from pathlib import Path

from config.env import env
from config.private_files import make_private, refuse_shared_database

from .base import *

# Every file a production process creates (the database and its -wal/-shm, uploads,
# caches) is readable by the site's user alone; see config/private_files.py.
make_private()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    refuse_shared_database(Path(DATABASES["default"]["NAME"]))

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
# Rotating the key (docs/deploy.md): the old key goes here, comma-separated, while the new
# one is SECRET_KEY; sessions and form tokens it signed stay good until they expire.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SITE_URL = env.str("SITE_URL").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]
env.str("EMAIL_URL")  # required; base.py already turned it into MAILERS
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS")

# HTTPS: on unless HTTPS=false (only for a local run on http://127.0.0.1).
HTTPS = env.bool("HTTPS", default=True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# HSTS preload stays off unless SECURE_HSTS_PRELOAD=true, and Django's warning that asks
# for it (security.W021) is silenced while it is off. Preloading writes the clinic's whole
# domain, every subdomain included, into browsers' built-in HTTPS-only lists; taking it
# out again takes months. Any service of the clinic's on a subdomain without HTTPS (a
# phone system, a vendor's portal) would stop working for everyone. That is a decision
# for whoever runs the domain, not a default; HSTS itself (a year, subdomains included)
# already protects every visitor after their first visit.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
if BEHIND_PROXY:
    # Only when a proxy in front sets X-Forwarded-Proto and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
