"""Opening the GUI: the app loads and builds its window with the garbage collector paused."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

if TYPE_CHECKING:
    from bazaar_pos.ui.app.main_window import MainWindow


class GuiOptions(TypedDict, total=False):
    """How the window opens: what ``app.run_gui`` takes besides the database."""

    demo: bool
    log_path: Path | None
    language: str | None
    shown: Callable[[MainWindow], None] | None


def open_gui(db_path: Path, **options: Unpack[GuiOptions]) -> int:
    """Load the app and run its window on ``db_path`` until it closes; return the exit code.

    What the app makes while it loads its modules and builds the till (the
    models, the services, the widgets) lives as long as the app, so searching
    it for garbage only delays the till: about a tenth of the start went to
    the collector. It is paused here; the app lets it run again over what is
    made from then on once the till has drawn, or before it asks anything
    (``app.resume_collecting``). ``shown`` is called with the window once it
    has drawn.
    """
    gc.disable()
    try:
        from bazaar_pos.app import run_gui

        return run_gui(db_path, **options)
    finally:
        gc.enable()
