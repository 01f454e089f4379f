"""Asking for file names: the one place the GUI opens file dialogs (tests patch these)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget, title: str, suggested: Path, filters: str) -> Path | None:
    """Ask where to save a file; None when the person cancels."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def ask_open_paths(parent: QWidget, title: str, filters: str) -> list[Path]:
    """Ask for files to open; empty when the person cancels."""
    names, _filter = QFileDialog.getOpenFileNames(parent, title, str(Path.home()), filters)
    return [Path(name) for name in names]
