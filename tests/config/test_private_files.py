"""Production makes the database, its -wal/-shm, var/ and uploads readable by the site alone,
and refuses to start on a database other users of the machine could read."""

import json
import os
import stat
import subprocess

import pytest

from tests.config.test_settings import PRODUCTION_ENV, run_production

# Run with production settings: write to the database (write-ahead logging keeps its -wal
# and -shm files open meanwhile), save an upload, then report every file's mode.
WRITE_AND_REPORT = """
import django, json, os, stat
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS t (x)")
    cursor.execute("INSERT INTO t VALUES (1)")
    default_storage.save("sections/picture.png", ContentFile(b"not really a png"))
    modes = {}
    for folder, folders, files in os.walk(settings.VAR_DIR):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            relative = os.path.relpath(name, settings.VAR_DIR)
            modes[relative] = oct(stat.S_IMODE(os.stat(name).st_mode))
print(json.dumps(modes))
"""


def in_production(var_dir, script: str) -> subprocess.CompletedProcess:
    return run_production(PRODUCTION_ENV | {"VAR_DIR": str(var_dir)}, "-c", script)


def test_every_file_production_makes_is_the_sites_alone(tmp_path):
    """0600 for the database, its -wal and -shm, and an upload; 0700 for var/ and its folders."""
    var_dir = tmp_path / "var"
    result = in_production(var_dir, WRITE_AND_REPORT)
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout)
    for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm", "media/sections/picture.png"):
        assert modes[name] == "0o600", (name, modes)
    for name in (".", "media", "media/sections"):
        assert modes[name] == "0o700", (name, modes)
    assert all(mode in ("0o600", "0o700") for mode in modes.values()), modes


@pytest.mark.parametrize(
    ("path", "mode"),
    [("db.sqlite3", 0o644), ("db.sqlite3", 0o640), ("db.sqlite3-wal", 0o604), (".", 0o755)],
)
def test_production_refuses_a_database_others_could_read(tmp_path, path, mode):
    """A database (or its folder) readable by others stops start-up, saying what to run."""
    var_dir = tmp_path / "var"
    assert in_production(var_dir, WRITE_AND_REPORT).returncode == 0
    target = var_dir / path
    target.touch()  # the -wal file is gone once the last connection closes cleanly
    os.chmod(target, mode)
    result = in_production(var_dir, "import django; django.setup()")
    assert result.returncode != 0
    wanted = "700" if target.is_dir() else "600"
    assert f"can be read by other users of this machine (mode {mode:04o})" in result.stderr
    assert f"chmod {wanted} {target}" in result.stderr
    os.chmod(target, stat.S_IRWXU if target.is_dir() else stat.S_IRUSR | stat.S_IWUSR)
    assert in_production(var_dir, "import django; django.setup()").returncode == 0


def test_a_folder_others_may_only_pass_through_is_accepted(tmp_path):
    """var/ at 0711 (as the deploy guide's ACL gives nginx, to reach var/media) still starts."""
    var_dir = tmp_path / "var"
    assert in_production(var_dir, WRITE_AND_REPORT).returncode == 0
    os.chmod(var_dir, 0o711)  # noqa: S103 - on purpose: the mode under test
    assert in_production(var_dir, "import django; django.setup()").returncode == 0
