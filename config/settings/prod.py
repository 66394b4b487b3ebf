"""Production: DEBUG off, every secret from the environment, refuse to start without them.

A variable read with no default is required (see config/env.py).

`make run` uses these settings too, with safe local values written once into
var/local.env (see the Makefile); a real deployment sets real ones.
"""

from config.env import env

from .base import *

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
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
if BEHIND_PROXY:
    # Only when a proxy in front sets X-Forwarded-Proto and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
