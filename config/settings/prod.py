"""Production: DEBUG off, every secret from the environment, refuse to start without them.

`make run` uses these settings too, with safe local values written once into
var/local.env (see the Makefile); a real deployment sets real ones.
"""

from config.env import env_bool, env_int, env_required, env_required_list

from .base import *

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_required_list("ALLOWED_HOSTS")
SITE_URL = env_required("SITE_URL").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]
env_required("EMAIL_URL")  # base.py already turned it into MAILERS
STAFF_NOTIFICATION_EMAILS = env_required_list("STAFF_NOTIFICATION_EMAILS")

# HTTPS: on unless HTTPS=false (only for a local run on http://127.0.0.1).
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
if BEHIND_PROXY:
    # Only when a proxy in front sets X-Forwarded-Proto and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
