"""The deploy recipe's systemd units (deploy/systemd/): each process restarts by itself,
writes files for its own user only, runs hardened, and systemd accepts every unit."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.test_nginx import missing

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
VENV_BIN = "/srv/neec/site/.venv/bin/"
# What each unit runs: the same commands as `make run`, gunicorn's settings in its own file.
COMMANDS = {
    "neec-web.service": f"{VENV_BIN}gunicorn config.wsgi --config config/gunicorn.py",
    "neec-worker.service": f"{VENV_BIN}python manage.py run_worker --queue-name default",
    "neec-scheduler.service": f"{VENV_BIN}python manage.py run_schedule",
}


def settings(name: str) -> dict[str, list[str]]:
    """Every Key=value of a unit file, each key with all its values in order."""
    found: dict[str, list[str]] = {}
    for line in (UNITS / name).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("name", COMMANDS)
def test_each_process_restarts_by_itself_within_seconds(name):
    """Restart=always with a short RestartSec: a crashed process is back within seconds."""
    unit = settings(name)
    assert unit["Restart"] == ["always"]
    assert 0 < float(unit["RestartSec"][0]) <= 5


@pytest.mark.parametrize("name", COMMANDS)
def test_each_process_runs_the_sites_command_as_its_own_user(name):
    """The site's own command, as the neec user, with the settings in /etc/neec/env."""
    unit = settings(name)
    assert unit["ExecStart"] == [COMMANDS[name]]
    assert unit["User"] == unit["Group"] == ["neec"]
    assert unit["EnvironmentFile"] == ["/etc/neec/env"]
    assert unit["WorkingDirectory"] == ["/srv/neec/site"]


@pytest.mark.parametrize("name", COMMANDS)
def test_each_process_writes_private_files_and_runs_hardened(name):
    """UMask 0077, and the process may write VAR_DIR alone, with no way to gain privileges."""
    unit = settings(name)
    assert unit["UMask"] == ["0077"]
    assert unit["ReadWritePaths"] == ["/srv/neec/var"]
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "ProtectHome": "yes",
        "RestrictSUIDSGID": "yes",
        "CapabilityBoundingSet": "",
    }.items():
        assert unit[key] == [value], key


def test_the_web_unit_waits_for_gunicorn_to_be_ready_and_reloads_gracefully():
    """gunicorn notifies systemd when it answers; a reload replaces workers gently."""
    unit = settings("neec-web.service")
    assert unit["Type"] == ["notify"]
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]


def test_systemd_accepts_every_unit(tmp_path):
    """systemd-analyze verify finds no error in the units (paths pointed at this checkout)."""
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        missing("systemd-analyze", "apt-get install -y systemd")
    venv_bin = Path(sys.executable).parent
    (tmp_path / "env").touch()
    for unit in UNITS.iterdir():
        text = (
            unit.read_text()
            .replace(VENV_BIN, f"{venv_bin}/")
            .replace("/srv/neec/site", str(ROOT))
            .replace("/srv/neec/var", str(tmp_path))
            .replace("/srv/neec/backups", str(tmp_path))
            .replace("/etc/neec/env", str(tmp_path / "env"))
            .replace("=neec\n", "=root\n")  # a user that exists on this machine
        )
        (tmp_path / unit.name).write_text(text)
    names = sorted(f"./{unit.name}" for unit in UNITS.iterdir())
    result = subprocess.run(
        [analyze, "verify", "--man=no", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
