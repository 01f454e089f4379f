"""Progress on the command line: one line rewritten on a terminal, nothing when piped."""

from __future__ import annotations

import sys
from typing import TextIO

from bazaar_pos.progress import Progress

WIDTH = 30
"""Characters of the bar drawn on the terminal."""


def progress_line(what: str, done: int, total: int) -> str:
    """The line shown: ``Importing sales [#####.....] 1,200/4,000 30%`` (no bar when unknown)."""
    if total <= 0:
        return f"{what} {done:,}".strip()
    filled = WIDTH * min(done, total) // total
    bar = "#" * filled + "." * (WIDTH - filled)
    return f"{what} [{bar}] {done:,}/{total:,} {100 * min(done, total) // total}%"


class TerminalProgress:
    """Draws progress on ``stream`` when it is a terminal; says nothing otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        """Draw on ``stream`` (standard error by default)."""
        self._stream = stream or sys.stderr
        self._shown = 0
        self.progress = Progress(self._draw if self._stream.isatty() else None)

    def _draw(self, what: str, done: int, total: int) -> None:
        line = progress_line(what, done, total)
        self._stream.write("\r" + line.ljust(self._shown))
        self._stream.flush()
        self._shown = len(line)

    def close(self) -> None:
        """End the line drawn, so what the command prints next starts on its own line."""
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0

    def __enter__(self) -> Progress:
        """The Progress to hand to the service."""
        return self.progress

    def __exit__(self, *_exc: object) -> None:
        """Clear the line however the work ended."""
        self.close()
