"""Logging to a rotating file in the user log folder."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from bazaar_pos.paths import log_folder

LOG_FILE_NAME = "bazaar-pos.log"


def setup_logging(folder: Path | None = None) -> Path:
    """Send log records to a rotating file and return its path (stderr if the folder fails)."""
    folder = folder or log_folder()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
