"""Files that hold patients' details are the site's alone: no other user of the machine reads them.

Production processes create every file with umask 077 (prod.py), so the SQLite
database, its -wal and -shm files, uploads and caches are 0600 and folders 0700.
A database that others can already read (made before, or copied in) stops
start-up with what to run instead of serving.
"""

import os
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PRIVATE_UMASK = 0o077
SHARED_BITS = stat.S_IRWXG | stat.S_IRWXO
# A folder others may pass through (x, as nginx must to reach var/media) but neither list
# nor write: they can open only files whose own modes let them.
SHARED_FOLDER_BITS = stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH


def refuse_shared_database(database: Path) -> None:
    """Stop with a plain message if the database, its -wal or -shm file, or its folder
    can be read or written by the file's group or by any other user."""
    for path in (database.parent, database, *database.parent.glob(database.name + "-*")):
        if not path.exists():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & (SHARED_FOLDER_BITS if path.is_dir() else SHARED_BITS):
            wanted = "700" if path.is_dir() else "600"
            raise ImproperlyConfigured(
                f"{path} can be read by other users of this machine (mode {mode:04o}), and it "
                f"holds patients' details. Run: chmod {wanted} {path}  (`make run` does this "
                "for var/; a deployment starts the site with umask 077)."
            )


def make_private() -> None:
    """From now on, files and folders this process creates are its user's alone."""
    os.umask(PRIVATE_UMASK)
