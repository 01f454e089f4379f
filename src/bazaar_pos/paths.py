"""Where the shop's files live: the user data and log folders from platformdirs."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "bazaar-pos"
BACKUP_FOLDER_NAME = "backups"


def default_database_path() -> Path:
    """The shop database in the user's data folder."""
    return user_data_path(APP_NAME, appauthor=False) / "shop.sqlite"


def log_folder() -> Path:
    """The folder for the app's log files."""
    return user_log_path(APP_NAME, appauthor=False)


def backup_folder(database: Path) -> Path:
    """The folder for the automatic backups of ``database``: ``backups`` beside it."""
    return Path(database).parent / BACKUP_FOLDER_NAME
