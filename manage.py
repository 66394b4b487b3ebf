#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

PROJECT_VENV = Path(__file__).resolve().parent / ".venv"


def use_project_venv():
    """Run again under the project's .venv/bin/python, if it exists and this is not it.

    So a bare `python manage.py ...` (another interpreter, without the site's
    packages) reaches the same settings and database as `make run`.
    """
    if os.environ.pop("NEEC_MANAGE_REEXEC", None):
        return  # run again once already: never loop, whatever that interpreter reports
    python = PROJECT_VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == PROJECT_VENV.resolve() or not python.exists():
        return
    os.environ["NEEC_MANAGE_REEXEC"] = "1"
    os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])  # noqa: S606


def main():
    use_project_venv()
    if sys.version_info < (3, 12):  # noqa: UP036 - a plain message on an old interpreter
        sys.exit("This site needs Python 3.12 or newer; run it with .venv/bin/python.")
    from config.env import load_local_env

    load_local_env()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
