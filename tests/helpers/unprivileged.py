"""File permissions that hold even for root: run a block as an ordinary user.

Root ignores file permissions, so a read-only folder is only read-only to an
ordinary user. When the tests run as root, :func:`as_ordinary_user` switches
the effective user and group to ``nobody`` for the block and back after it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


@contextmanager
def as_ordinary_user() -> Iterator[None]:
    """Run the block without root's power to write anywhere (no-op when not root)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A fresh folder anyone may enter and write to (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="bazaar-pos-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o777)
        shutil.rmtree(folder, ignore_errors=True)
