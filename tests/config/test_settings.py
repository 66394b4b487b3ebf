"""Production settings refuse to start without their secrets or with a mistyped value;
DATABASE_URL becomes DATABASES; EMAIL_URL becomes MAILERS."""

import json
import os
import subprocess
import sys
import tempfile
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


def run_production(env: dict, *args: str) -> subprocess.CompletedProcess:
    """`python *args` in a new process with production settings and these variables only
    (besides the machine's own), in a data folder of its own unless env names one: never
    the checkout's var/, where a local run's database is."""
    unset = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the latter
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean |= {"VAR_DIR": tempfile.mkdtemp(prefix="neec-prod-"), "DATABASE_URL": ""}
    clean |= {"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def start_production(env: dict, setting: str = "DEBUG") -> subprocess.CompletedProcess:
    """Start production settings in a new process; it prints one setting as JSON."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps(settings.{setting}, default=str))"
    )
    return run_production(env, "-c", script)


def test_production_starts_with_every_secret_set():
    """With all its variables, production starts, with DEBUG off."""
    result = start_production(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "false"


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_secret(missing):
    """Each missing variable stops production at once, naming the variable."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = start_production(env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set for production." in result.stderr


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_with_a_blank_secret(missing):
    """A variable set to nothing but spaces counts as missing."""
    result = start_production(PRODUCTION_ENV | {missing: "  "})
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set for production." in result.stderr


def test_production_refuses_a_word_that_is_not_true_or_false():
    """HTTPS=ture stops start-up (django-environ alone would read it as false: no HTTPS)."""
    result = start_production(PRODUCTION_ENV | {"HTTPS": "ture"})
    assert result.returncode != 0
    assert "HTTPS must be true or false, not 'ture'." in result.stderr


def test_production_refuses_a_number_that_is_not_whole():
    """SECURE_HSTS_SECONDS=1y stops start-up, naming the variable and the value."""
    result = start_production(PRODUCTION_ENV | {"SECURE_HSTS_SECONDS": "1y"})
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number, not '1y'." in result.stderr


@pytest.mark.parametrize(
    ("value", "https"), [("false", False), ("Off", False), ("0", False), ("TRUE", True), ("", True)]
)
def test_https_words_and_its_default(value, https):
    """HTTPS takes the usual words in any case; unset or blank, it is on."""
    result = start_production(PRODUCTION_ENV | {"HTTPS": value}, "SECURE_SSL_REDIRECT")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) is https


def test_a_secret_key_starting_with_a_dollar_sign_is_taken_as_it_is():
    """A secret such as `$abc...` is the key itself, not the name of another variable."""
    secret = "$" + "k" * 50
    result = start_production(PRODUCTION_ENV | {"SECRET_KEY": secret}, "SECRET_KEY")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == secret


def test_allowed_hosts_and_staff_emails_are_comma_separated_lists():
    """Spaces around the commas do not end up in a host name."""
    hosts = "www.clinic.example, clinic.example ,"
    result = start_production(PRODUCTION_ENV | {"ALLOWED_HOSTS": hosts}, "ALLOWED_HOSTS")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["www.clinic.example", "clinic.example"]


def test_database_url_for_postgresql():
    """postgres://user@host:port/name becomes Django's PostgreSQL settings, reused 60 s."""
    url = "postgres://neec:s%40fe@db.clinic.example:5433/neec"
    result = start_production(PRODUCTION_ENV | {"DATABASE_URL": url}, "DATABASES['default']")
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert {
        key: database[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
    } == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "neec",
        "USER": "neec",
        "PASSWORD": "s@fe",
        "HOST": "db.clinic.example",
        "PORT": 5433,
    }
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def test_without_database_url_sqlite_in_var_dir(tmp_path):
    """No DATABASE_URL: SQLite at VAR_DIR/db.sqlite3 (even in a folder with + and spaces),
    with write-ahead logging and connections not reused."""
    var_dir = tmp_path / "a + b"
    env = PRODUCTION_ENV | {"VAR_DIR": str(var_dir), "DATABASE_URL": ""}
    result = start_production(env, "DATABASES['default']")
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(var_dir / "db.sqlite3")
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, False)
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_smtp_url_with_login_and_starttls():
    """smtp://user:pass@host:587?tls=1 becomes an SMTP mailer with STARTTLS and a timeout."""
    mailer = mailer_from_url("smtp://front%40clinic:s3cret@mail.example:587?tls=1")
    assert mailer["BACKEND"] == "config.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "username": "front@clinic",
        "password": "s3cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 60.0,
    }


def test_the_smtp_timeout_is_a_minute_unless_email_url_says_otherwise():
    """Well above a slow server's 10 s answer by default; ?timeout= sets another."""
    assert mailer_from_url("smtp://mail.example")["OPTIONS"]["timeout"] == 60.0
    assert mailer_from_url("smtp://mail.example?timeout=90")["OPTIONS"]["timeout"] == 90.0


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


def test_the_deploy_checks_pass_with_production_settings():
    """`manage.py check --deploy --fail-level WARNING` is clean: HTTPS, HSTS, secure cookies,
    a strong secret key; HSTS preload is off on purpose (see config/settings/prod.py)."""
    strong_key = "k7Vq-3xZ_pL9mW2rT8yN4bH6cJ0dF5gS1aE-uI7oP3qR9wX2zC"
    result = run_production(
        PRODUCTION_ENV | {"SECRET_KEY": strong_key},
        *["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_hsts_preload_is_off_unless_asked_for():
    """Off by default (its warning silenced, with the reason in prod.py); on when set."""

    def preload(env):
        return [
            json.loads(start_production(env, name).stdout)
            for name in ("SECURE_HSTS_PRELOAD", "SILENCED_SYSTEM_CHECKS")
        ]

    assert preload(PRODUCTION_ENV) == [False, ["security.W021"]]
    assert preload(PRODUCTION_ENV | {"SECURE_HSTS_PRELOAD": "true"}) == [True, []]


def test_uploaded_pictures_are_not_served_by_django_unless_asked():
    """SERVE_MEDIA is off in production: the proxy serves uploads (docs/deploy.md)."""
    assert json.loads(start_production(PRODUCTION_ENV, "SERVE_MEDIA").stdout) is False
    on = start_production(PRODUCTION_ENV | {"SERVE_MEDIA": "true"}, "SERVE_MEDIA")
    assert json.loads(on.stdout) is True
