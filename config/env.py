"""Read settings from the environment, with django-environ.

Settings read through ``env``, django-environ's ``Env`` made strict where it is lax,
so a mistake stops start-up with a message that names the variable:

- a variable read without a default is required: unset or blank, start-up stops
  (every such variable is one that production needs);
- a variable set to a blank value counts as unset, and gets its default;
- ``env.bool`` takes true, yes, on, 1 and false, no, off, 0 (in any case) and
  refuses any other word (django-environ reads ``HTTPS=ture`` as false);
- ``env.int`` refuses anything but a whole number;
- ``env.list`` splits at commas, strips each item and drops empty ones;
- a value is taken as it is, less surrounding spaces: one that starts with ``$``
  (a secret key, say) is never read as the name of another variable, which is
  what django-environ's "proxied values" would do.

Only the typed methods are used (``env.str``, ``env.bool``, ``env.int``,
``env.list``, ``env.db_url``); the scheme of ``Env(NAME=(type, default))`` is not.

``load_local_env()`` reads ``var/local.env`` (written once by ``make run``)
without overriding anything already set, so ``python manage.py ...`` in the
project root reaches the same settings and database as ``make run``. A real
deployment sets real environment variables and has no such file.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_ENV_FILE = BASE_DIR / "var" / "local.env"

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


class StrictEnv(environ.Env):
    """django-environ's ``Env`` with the rules above; its typed methods all come here."""

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        value = self.ENVIRON.get(var, "").strip()
        if not value:
            if default is self.NOTSET:
                raise ImproperlyConfigured(
                    f"The environment variable {var} must be set for production. "
                    "See the table of environment variables in README.md."
                )
            if parse_default and default is not None:
                return self.parse_value(default, cast)
            return default
        try:
            return self.parse_value(value, cast)
        except ValueError:
            if cast is bool:
                raise ImproperlyConfigured(
                    f"{var} must be true or false, not {value.lower()!r}."
                ) from None
            if cast is int:
                raise ImproperlyConfigured(
                    f"{var} must be a whole number, not {value!r}."
                ) from None
            raise

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool and isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError(f"not a true or false word: {word!r}")
        if cast is list and isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().parse_value(value, cast)


env = StrictEnv()


def load_local_env(path: Path = LOCAL_ENV_FILE) -> None:
    """Set each ``NAME=value`` line of the file that is not set already.

    One variable a line, ``#`` starting a comment line; a value is taken whole,
    ``#`` included (no comment after a value), and may be put in quotes.
    """
    if path.exists():
        environ.Env.read_env(path, overwrite=False)
