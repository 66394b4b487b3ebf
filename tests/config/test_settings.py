"""Production settings refuse to start without their secrets; EMAIL_URL becomes MAILERS."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.email_url import mailer_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "www.clinic.example",
    "SITE_URL": "https://www.clinic.example",
    "EMAIL_URL": "smtp://mail.clinic.example:587?tls=1",
    "STAFF_NOTIFICATION_EMAILS": "front-desk@clinic.example",
}


def start_production(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env}
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_starts_with_every_secret_set():
    """With all its variables, production starts, with DEBUG off."""
    result = start_production(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_secret(missing):
    """Each missing variable stops production at once, naming the variable."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = start_production(env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set for production." in result.stderr


def test_smtp_url_with_login_and_starttls():
    """smtp://user:pass@host:587?tls=1 becomes an SMTP mailer with STARTTLS and a timeout."""
    mailer = mailer_from_url("smtp://front%40clinic:s3cret@mail.example:587?tls=1")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "username": "front@clinic",
        "password": "s3cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10.0,
    }


def test_smtps_url_uses_implicit_tls_on_port_465():
    """smtps:// means TLS from the first byte, on 465 unless a port is given."""
    options = mailer_from_url("smtps://mail.example")["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_console_and_file_urls_for_development():
    """console:// prints email; file:///folder writes one file per email."""
    assert mailer_from_url("console://")["BACKEND"].endswith("console.EmailBackend")
    assert mailer_from_url("file:///tmp/mail")["OPTIONS"] == {"file_path": "/tmp/mail"}


def test_an_unknown_email_url_is_refused_in_plain_words():
    """A typo in EMAIL_URL stops start-up with a message saying what forms work."""
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must start with smtp://"):
        mailer_from_url("smtpp://mail.example")
