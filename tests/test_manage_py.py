"""`python manage.py ...` with any interpreter runs under the project's .venv."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
REPORT = (
    "import os, sys; from django.conf import settings; "
    "print(sys.prefix, settings.SETTINGS_MODULE, settings.DATABASES['default']['NAME'], "
    "os.environ.get('NEEC_MANAGE_REEXEC'), sep='|')"
)


def bare_python() -> str:
    """An interpreter that is not the project's .venv (the system's, say)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3"), shutil.which("python")):
        if not candidate:
            continue
        prefix = subprocess.run(
            [candidate, "-c", "import sys; print(sys.prefix)"], capture_output=True, text=True
        ).stdout.strip()
        if prefix and Path(prefix).resolve() != VENV.resolve():
            return candidate
    pytest.skip("no Python other than the project's .venv on this machine")


def report(python: str, cwd: Path) -> list[str]:
    """What manage.py, started by this interpreter, runs on: prefix, settings, database."""
    # A shell's environment, not the test run's (pytest-django sets the test settings).
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH"}}
    result = subprocess.run(
        [python, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", REPORT],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


@pytest.mark.skipif(not (VENV / "bin" / "python").exists(), reason="no .venv in the project")
def test_a_bare_python_runs_manage_py_under_the_project_venv(tmp_path):
    """Another interpreter, without Django, reaches the same settings and database as the venv."""
    bare = report(bare_python(), tmp_path)
    venv = report(str(VENV / "bin" / "python"), ROOT)
    assert Path(bare[0]).resolve() == VENV.resolve()
    assert bare == venv
    assert bare[3] == "None", "the re-run marker leaked into the command's environment"


@pytest.fixture
def manage_py(monkeypatch):
    """manage.py's functions, with os.execv recorded instead of replacing this process."""
    import runpy

    calls = []
    monkeypatch.setattr(os, "execv", lambda path, args: calls.append((Path(path), args)))
    monkeypatch.delenv("NEEC_MANAGE_REEXEC", raising=False)
    module = runpy.run_path(str(ROOT / "manage.py"), run_name="manage")
    module["calls"] = calls
    return module


def test_inside_the_venv_manage_py_runs_in_the_same_process(manage_py, monkeypatch):
    """Under .venv/bin/python nothing is started again."""
    monkeypatch.setattr(sys, "prefix", str(VENV))
    manage_py["use_project_venv"]()
    assert manage_py["calls"] == []


def test_another_interpreter_hands_over_to_the_venv_once(manage_py, monkeypatch):
    """Elsewhere it runs .venv/bin/python manage.py with the same arguments, and only once."""
    if not (VENV / "bin" / "python").exists():
        pytest.skip("no .venv in the project")
    python = VENV / "bin" / "python"
    monkeypatch.setattr(sys, "prefix", "/usr")
    monkeypatch.setattr(sys, "argv", ["manage.py", "migrate", "--check"])
    manage_py["use_project_venv"]()
    assert manage_py["calls"] == [
        (python, [str(python), str(ROOT / "manage.py"), "migrate", "--check"])
    ]
    # The process it started finds the marker and does not start another.
    manage_py["calls"].clear()
    manage_py["use_project_venv"]()
    assert manage_py["calls"] == []
    assert "NEEC_MANAGE_REEXEC" not in os.environ
