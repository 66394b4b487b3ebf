"""deploy/backup and deploy/restore: the database and the uploaded pictures, there and back.

Run on SQLite (the online backup); PostgreSQL's pg_dump and pg_restore are the same
scripts' other branch, described in docs/deploy.md.
"""

import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from tests.local_site import free_port, prepare, site_environment

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(ROOT / "deploy" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def titles(var_dir: Path) -> list[str]:
    with sqlite3.connect(var_dir / "db.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT title FROM procedures_procedure")]


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    env = site_environment(var_dir, free_port())
    prepare(env)
    return env


def test_a_backup_and_its_restore_bring_back_the_database_and_the_pictures(site_env, tmp_path):
    """After a backup, a deleted page and a deleted picture come back with the restore."""
    var_dir = Path(site_env["VAR_DIR"])
    picture = var_dir / "media" / "procedures" / "port.png"
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(b"\x89PNG picture")
    before = titles(var_dir)
    assert before

    folder = Path(run("backup", site_env, str(tmp_path / "backups")).strip())

    with sqlite3.connect(var_dir / "db.sqlite3") as db:
        db.execute("DELETE FROM procedures_section")
        db.execute("DELETE FROM procedures_step")
        db.execute("DELETE FROM procedures_warningsign")
        db.execute("DELETE FROM procedures_question")
        db.execute("DELETE FROM procedures_procedure")
    picture.unlink()
    assert titles(var_dir) == []

    run("restore", site_env, str(folder))
    assert titles(var_dir) == before
    assert picture.read_bytes() == b"\x89PNG picture"


def test_a_backup_is_readable_by_the_sites_user_alone(site_env, tmp_path):
    """The backup folder and every file in it: 0700 and 0600, as VAR_DIR itself."""
    folder = Path(run("backup", site_env, str(tmp_path / "backups")).strip())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert {path.name for path in folder.iterdir()} == {"db.sqlite3", "media.tar"}
