#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    if sys.version_info < (3, 12):  # noqa: UP036 - a plain message on an old interpreter
        sys.exit("This site needs Python 3.12 or newer; run it with .venv/bin/python.")
    from config.env import load_local_env

    load_local_env()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
