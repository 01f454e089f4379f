"""Cold start to a usable till, and peak memory, each against a bare PySide6 window.

Both run as fresh processes (``benchmarks.probe``) on the offscreen platform,
timed from outside: from just before the process is spawned until it prints
that its window is usable (for the app: the till's scan field has the focus
and the favourites are on screen). The app's modules are compiled to bytecode
first, as installing it does.
"""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import bazaar_pos
from benchmarks.shop_data import BuiltShop
from benchmarks.stats import Row, Sample, Target

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 300
BARE_WINDOW = "a bare PySide6 window with a line edit, shown and focused (fresh process)"
FLOOR = "the stack's floor: the bare window after importing SQLAlchemy's ORM (fresh process)"


def compile_app() -> None:
    """Compile the app's modules to bytecode, as pip and PyInstaller do when they install it.

    A source tree run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise
    compile every module at every start, which no installed app does.
    """
    compileall.compile_dir(Path(bazaar_pos.__file__).parent, quiet=1)


def run_probe(*args: str, env: dict[str, str] | None = None) -> tuple[float, dict[str, float]]:
    """Start a probe; return the seconds until it reported, and its report."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    path = environment.get("PYTHONPATH", "")
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), path) if p)
    if args[0] == "bare":  # --profile is about the app
        environment.pop("BENCH_PROFILE", None)
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.probe", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - began
    try:
        _out, errors = child.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        _out, errors = child.communicate()
    if not line.strip():
        raise RuntimeError(f"probe {args} reported nothing: {errors[-2000:]}")
    return elapsed, json.loads(line)


def cold_start(database: Path, runs: int) -> list[Row]:
    """The app's start against the stack's floor, alternating, after a start of each to warm up.

    The floor is a bare window after importing SQLAlchemy's ORM, which the app
    cannot do without; the target is 1.5 times it. The warm-up start also
    makes the day's backup (then waits for it), as the first start of a day
    does; the timed starts find it made. A second row, without a target, shows
    the floor beside a bare window alone.
    """
    compile_app()
    run_probe("app", str(database))
    run_probe("bare")
    app, bare, floor = [], [], []
    for _ in range(runs):
        app.append(run_probe("app", str(database))[0])
        bare.append(run_probe("bare")[0])
        floor.append(run_probe("bare", "--orm")[0])
    ours, base, least = Sample.of(app), Sample.of(bare), Sample.of(floor)
    return [
        Row(
            "Cold start to a usable till",
            "s",
            ours.median,
            least.median,
            FLOOR,
            Target(ratio=1.5),
            runs,
        ),
        Row(
            "Cold start floor: bare window + SQLAlchemy ORM import",
            "s",
            least.median,
            base.median,
            BARE_WINDOW,
            None,
            runs,
        ),
    ]


def peak_memory(built: BuiltShop, database: Path, runs: int) -> list[Row]:
    """Peak RSS of the app after a busy session against a bare window's."""
    compile_app()
    codes = json.dumps(list(built.barcodes[:30]))
    app, bare = [], []
    for _ in range(runs):
        app.append(run_probe("app", str(database), "--use", env={"BENCH_BARCODES": codes})[1])
        bare.append(run_probe("bare")[1])
    ours = Sample.of([r["peak_rss_mib"] for r in app])
    base = Sample.of([r["peak_rss_mib"] for r in bare])
    return [
        Row(
            "Peak memory (RSS) after a busy session",
            "MiB",
            ours.median,
            base.median,
            "a bare PySide6 window (VmHWM of its process)",
            Target(limit=300),
            runs,
        )
    ]
