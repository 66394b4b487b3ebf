"""Local development with `manage.py runserver`: DEBUG on, email to the console."""

from config.env import env

from .base import *

DEBUG = True
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STAFF_NOTIFICATION_EMAILS = STAFF_NOTIFICATION_EMAILS or ["front-desk@localhost"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)  # runserver shows uploaded pictures
