"""Command-line progress: drawn on a real pseudo-terminal, silent when the output is a file."""

import io
import os
import pty
import select

from bazaar_pos.commands.progress import TerminalProgress, progress_line


def test_the_line_shows_a_bar_counts_and_percent():
    assert progress_line("Importing sales", 1_200, 4_000) == (
        "Importing sales [#########.....................] 1,200/4,000 30%"
    )
    assert progress_line("Reading", 12_345, 0) == "Reading 12,345"


def _everything_from(leader):
    chunks = []
    while select.select([leader], [], [], 0.2)[0]:
        chunks.append(os.read(leader, 4096))
    return b"".join(chunks).decode()


def test_a_terminal_sees_the_line_redrawn_and_cleared_at_the_end():
    leader, follower = pty.openpty()
    try:
        with os.fdopen(os.dup(follower), "w", encoding="utf-8") as terminal:
            with TerminalProgress(terminal) as progress:
                progress.begin("Backing up the shop", 4)
                progress.reach(4)
            shown = _everything_from(leader)
    finally:
        os.close(leader)
        os.close(follower)
    assert "\rBacking up the shop [" in shown
    assert "4/4 100%" in shown
    assert shown.endswith("\r")  # the line is wiped, so what follows starts clean


def test_output_to_a_file_stays_quiet():
    written = io.StringIO()
    with TerminalProgress(written) as progress:
        progress.begin("Backing up the shop", 4)
        progress.reach(4)
    assert written.getvalue() == ""
