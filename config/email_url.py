"""Turn ``EMAIL_URL`` into a Django 6.1 ``MAILERS`` entry.

Forms understood:
  smtp://user:password@host:587?tls=1   (STARTTLS; ``ssl=1`` for implicit TLS)
  smtp://host:25                        (no login)
  console://                            (print each email; development only)
  file:///absolute/folder               (one file per email; development only)
  locmem://                             (kept in memory; tests)
Optional query parameter ``timeout`` (seconds, default 60) bounds each wait for the
mail server: connecting, and each answer. It must stay well above the slowest answer
the server gives: a timeout after the whole message went out leaves it unknown whether
the server took it (see config/smtp.py and appointments/notifications.py).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "config.smtp.EmailBackend",  # Django's, telling when a message was handed over
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
DEFAULT_SMTP_TIMEOUT = 60


def mailer_from_url(url: str) -> dict:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "smtps":
        scheme, implicit_tls = "smtp", True
    else:
        implicit_tls = False
    if scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps://, console://, file:// or locmem://, "
            f"not {parts.scheme!r}://."
        )
    if scheme == "console" or scheme == "locmem":
        return {"BACKEND": BACKENDS[scheme]}
    if scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured("EMAIL_URL file:// needs a folder, e.g. file:///tmp/mail.")
        return {"BACKEND": BACKENDS["file"], "OPTIONS": {"file_path": unquote(parts.path)}}

    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL smtp:// needs a host, e.g. smtp://mail.example.org:587."
        )
    options = {
        "host": parts.hostname,
        "port": parts.port or (465 if implicit_tls else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": _flag(query.get("tls")),
        "use_ssl": implicit_tls or _flag(query.get("ssl")),
        "timeout": float(query.get("timeout", DEFAULT_SMTP_TIMEOUT)),
    }
    if options["use_tls"] and options["use_ssl"]:
        raise ImproperlyConfigured("EMAIL_URL may ask for tls=1 or ssl=1, not both.")
    return {"BACKEND": BACKENDS["smtp"], "OPTIONS": options}


def _flag(value: str | None) -> bool:
    return (value or "").lower() in {"1", "true", "yes", "on"}
