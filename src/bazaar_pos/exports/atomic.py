"""Writing binary files (PDF, XLSX, bundles) whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path`` to write; it replaces ``path`` only on success.

    Whatever writes the temporary file (ReportLab, openpyxl, zipfile) may fail
    half way: then ``path`` is left as it was and the temporary file removed.
    """
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
