"""WSGI entry point for gunicorn (`gunicorn config.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

from config.env import load_local_env

load_local_env()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()
