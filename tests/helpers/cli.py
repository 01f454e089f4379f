"""Running the installed ``bazaar-pos`` command in tests, as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def bazaar_pos(*args: object, stdin: str = "", env: dict[str, str] | None = None):
    """Run the installed console script with ``args``, ``stdin`` piped in; the finished process.

    ``env`` adds to the environment (for instance a time zone); output is UTF-8 text.
    """
    exe = shutil.which("bazaar-pos", path=str(Path(sys.executable).parent))
    assert exe, "the bazaar-pos entry point is not installed"
    return subprocess.run(
        [exe, *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8", **(env or {})},
    )


def bazaar_pos_on_a_terminal(*args: object, env: dict[str, str] | None = None):
    """Run the console script with its standard error on a pseudo-terminal, as in a shell.

    Returns the finished process (standard output captured) and what the
    terminal showed.
    """
    import pty
    import select

    exe = shutil.which("bazaar-pos", path=str(Path(sys.executable).parent))
    assert exe, "the bazaar-pos entry point is not installed"
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [exe, *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
            env={**os.environ, "LANG": "C.UTF-8", **(env or {})},
        )
        chunks = []
        while select.select([leader], [], [], 0.2)[0]:
            chunks.append(os.read(leader, 65536))
    finally:
        os.close(leader)
        os.close(follower)
    return done, b"".join(chunks).decode()
