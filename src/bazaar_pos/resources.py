"""Locate files shipped with the app (translations, demo data, icons)."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "resources"
_SOURCE_TREE = Path(__file__).resolve().parents[2] / "resources"


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or at the top of a source checkout."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


def runs_from_source() -> bool:
    """True in a source checkout (or an editable install of one), False when installed."""
    return not _PACKAGED.is_dir()


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("demo", "products.csv")``."""
    return resources_dir().joinpath(*parts)
