"""Pull the plug: the app runs on a file system that forgets what was not synced, and loses power.

``tests/helpers/powercut_fs.py`` keeps a durable copy that receives a file's
data only when that file is fsynced, and a folder's names only when that
folder is fsynced; at the N-th fsync or rename it cuts the power. The driver
(``tests/helpers/powercut_driver.py``) sells, backs up, restores, writes every
kind of export and imports a products file, promising each step only after it
returned. After every cut the durable copy must open with the app's own
start-up code, pass ``integrity_check``, ``Shop.check`` and ``bazaar-pos check``,
hold every promised sale, backup, restore, import and export, and hold no
backup or export that is neither absent, its previous version, nor complete.

Two controls prove the harness sees loss: with ``synchronous=NORMAL`` promised
sales are lost, and with the file fsync taken out of the atomic writer an
export comes back empty.

Run alone: ``python -m pytest -m powercut``. Needs Linux with FUSE (/dev/fuse,
fusermount3, libfuse3 and mfusepy); under CI (``CI=true``) a machine without
them fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import powercut, powercut_driver

pytestmark = pytest.mark.powercut

MIN_CUTS = 30
WORKERS = 2


@pytest.fixture(scope="module")
def fuse() -> None:
    """FUSE works here (or the test fails under CI, and is skipped elsewhere)."""
    powercut.require_fuse()


@pytest.fixture(scope="module")
def seed(fuse: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shop as the day starts, with the previous version of every export."""
    folder = tmp_path_factory.mktemp("powercut") / "seed"
    folder.mkdir()
    powercut_driver.prepare(folder)
    return folder


@pytest.fixture(scope="module")
def drivers(seed: Path) -> Iterator[powercut.Drivers]:
    """Processes that fork a fresh app for each day and each ``bazaar-pos check``."""
    pool = powercut.Drivers(WORKERS)
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def whole_day(
    seed: Path, drivers: powercut.Drivers, tmp_path_factory: pytest.TempPathFactory
) -> powercut.Day:
    """The day without a power cut: what it counts, promises and writes."""
    work = tmp_path_factory.mktemp("whole") / "day"
    return powercut.run_day(seed, work, drivers, cut_at=None, trace=True)


def counts_of(day: powercut.Day) -> dict[str, int]:
    """The rows or pages of each export, by file name."""
    return {Path(w[1]).name: int(w[2]) for w in day.promises if w[0] == "file"}


def cut_points(trace: list[str]) -> list[int]:
    """Every other counted operation, and each one right after a rename or a folder sync.

    Cutting at operation N leaves what was durable once operation N-1 returned.
    """
    total = len(trace)
    after = {int(line.split("\t")[0]) + 1 for line in trace if "\trename\t" in line}
    after |= {int(line.split("\t")[0]) + 1 for line in trace if "\tfsyncdir\t" in line}
    return sorted({n for n in range(1, total + 1, 2)} | {n for n in after if n <= total})


def sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def test_the_file_system_keeps_only_what_was_synced(fuse, tmp_path):
    backing, mount, image = tmp_path / "backing", tmp_path / "mnt", tmp_path / "image"
    backing.mkdir()
    (backing / "old.txt").write_text("before", encoding="utf-8")
    with powercut.mounted(backing, mount, image, cut_at=None):
        (mount / "unsynced.txt").write_text("lost", encoding="utf-8")
        (mount / "old.txt").write_text("changed, not synced", encoding="utf-8")
        (mount / "synced.tmp").write_text("kept", encoding="utf-8")
        sync(mount / "synced.tmp")
        os.replace(mount / "synced.tmp", mount / "synced.txt")
        sync(mount)
        (mount / "late.txt").write_text("named too late", encoding="utf-8")
        sync(mount / "late.txt")
        os.mkdir(mount / "folder")
        assert (mount / "late.txt").read_text(encoding="utf-8") == "named too late"
    kept = {p.name: p.read_text(encoding="utf-8") for p in image.iterdir()}
    assert kept == {"old.txt": "before", "unsynced.txt": "", "synced.txt": "kept"}


def test_the_whole_day_keeps_every_promise(seed, whole_day, drivers):
    assert [w[0] for w in whole_day.promises].count("sale") == 10
    assert {"backup", "restore", "file", "import", "done"} <= {w[0] for w in whole_day.promises}
    # Unmounting forgets what was never synced, like a power cut after the last step.
    assert powercut.problems(whole_day, seed, counts_of(whole_day), drivers) == []


def test_a_power_cut_anywhere_loses_nothing_promised(seed, whole_day, drivers, tmp_path):
    points = cut_points(whole_day.trace)
    assert len(points) >= MIN_CUTS, whole_day.trace
    started = time.monotonic()

    counts = counts_of(whole_day)

    def cut_at(point: int) -> tuple[powercut.Day, list[str]]:
        day = powercut.run_day(seed, tmp_path / f"cut-{point:03}", drivers, cut_at=point)
        return day, powercut.problems(day, seed, counts, drivers)

    failures = []
    with ThreadPoolExecutor(WORKERS) as pool:
        for point, (day, found) in zip(points, pool.map(cut_at, points), strict=True):
            assert day.cut["operation"] == point, f"the power was not cut at {point}"
            if found:
                failures.append(f"cut at {point} ({day.cut['kind']} {day.cut['path']}): {found}")
    print(f"{len(points)} power cuts in {time.monotonic() - started:.1f} s")
    assert failures == [], "\n".join(failures)


def first(trace: list[str], fragment: str) -> int:
    """The number of the first counted operation whose line holds ``fragment``."""
    return next(int(line.split("\t")[0]) for line in trace if fragment in line)


def test_control_synchronous_normal_loses_promised_sales(seed, whole_day, drivers, tmp_path):
    """WAL with synchronous=NORMAL does not sync a commit: the harness must see sales go."""
    control = "synchronous-normal"
    counting = powercut.run_day(
        seed, tmp_path / "counting", drivers, cut_at=None, control=control, trace=True
    )
    backing_up = first(counting.trace, "/backups/")
    day = powercut.run_day(seed, tmp_path / "cut", drivers, cut_at=backing_up, control=control)
    assert [w[0] for w in day.promises].count("sale") == 3, day.output
    found = powercut.problems(day, seed, counts_of(whole_day), drivers)
    assert "acknowledged sale A-000002 (drive-0) is lost" in found, found


def test_control_an_export_without_its_fsync_comes_back_empty(seed, whole_day, drivers, tmp_path):
    """Without the file's fsync, the renamed export is in its folder with no data."""
    control = "no-file-fsync"
    counting = powercut.run_day(
        seed, tmp_path / "counting", drivers, cut_at=None, control=control, trace=True
    )
    report_named = first(counting.trace, "\tfsyncdir\t/exports")
    day = powercut.run_day(
        seed, tmp_path / "cut", drivers, cut_at=report_named + 1, control=control
    )
    assert day.promises[-1][:2] == ["file", str(day.mount / powercut_driver.EXPORTS["report"])]
    found = powercut.problems(day, seed, counts_of(whole_day), drivers)
    assert "export laporan.pdf is not a whole PDF" in found, found
