"""var/local.env is read without overriding the environment, each value taken as it is."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# As `make run` writes it (see the Makefile), with a secret of django's own alphabet.
LOCAL_ENV = """\
# Written once by 'make run' for this machine only. Not for a real deployment.
DJANGO_SETTINGS_MODULE=config.settings.prod
SECRET_KEY=$a&d3*0k#skh)!5o)$))zz9&%hr@-akid5zh--05ei790+wn0$r
ALLOWED_HOSTS=127.0.0.1,localhost
HTTPS=false
SITE_URL=http://127.0.0.1:8000
EMAIL_URL=console://
STAFF_NOTIFICATION_EMAILS=front-desk@localhost
LOG_LEVEL='WARNING'
DEFAULT_FROM_EMAIL="Clinic <no-reply@localhost>"
"""


def read_local_env(path: Path, **already_set: str) -> dict:
    """The environment after load_local_env(path), in a new process started with already_set."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "HTTPS", "LOG_LEVEL"}}
    script = (
        "import json, os, sys; from pathlib import Path; from config.env import load_local_env; "
        "load_local_env(Path(sys.argv[1])); print(json.dumps(dict(os.environ)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        env=env | already_set,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_local_env_values_are_read_as_written(tmp_path):
    """Every line of the file becomes a variable; a secret's $ and # stay, quotes go."""
    path = tmp_path / "local.env"
    path.write_text(LOCAL_ENV)
    environ = read_local_env(path)
    assert environ["SECRET_KEY"] == "$a&d3*0k#skh)!5o)$))zz9&%hr@-akid5zh--05ei790+wn0$r"
    assert environ["HTTPS"] == "false"
    assert environ["ALLOWED_HOSTS"] == "127.0.0.1,localhost"
    assert environ["LOG_LEVEL"] == "WARNING"
    assert environ["DEFAULT_FROM_EMAIL"] == "Clinic <no-reply@localhost>"
    assert not any(name.startswith("#") for name in environ)


def test_local_env_never_overrides_a_variable_already_set(tmp_path):
    """A variable set by the shell (or the test suite) wins over the file."""
    path = tmp_path / "local.env"
    path.write_text(LOCAL_ENV)
    environ = read_local_env(path, HTTPS="true", SECRET_KEY="from-the-shell")
    assert (environ["HTTPS"], environ["SECRET_KEY"]) == ("true", "from-the-shell")


def test_a_missing_local_env_changes_nothing(tmp_path):
    """Without the file (a real deployment), the environment is left as it was."""
    environ = read_local_env(tmp_path / "local.env", HTTPS="true")
    assert environ["HTTPS"] == "true"
    assert "SECRET_KEY" not in environ
