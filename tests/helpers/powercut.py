"""Running the app on the power-cut file system (``powercut_fs.py``) and judging what survives.

``Drivers`` run the driver and ``bazaar-pos check`` in children forked from a
process that imported the app once. ``require_fuse()`` fails the test under CI
(``CI=true``) when FUSE cannot be used, and skips it elsewhere (a laptop
without FUSE). ``run_day`` mounts the file system over a fresh copy of the
starting shop, runs the driver (``powercut_driver.py``) on it until it
finishes or the power is cut, unmounts even when something fails, and returns
what the driver promised with the durable copy. ``problems`` lists everything
the durable copy lost or broke.
"""

from __future__ import annotations

import csv
import io
import json
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import powercut_driver

FS_SCRIPT = Path(__file__).with_name("powercut_fs.py")
DRIVER = Path(powercut_driver.__file__)
ROOT = Path(__file__).resolve().parents[2]
MOUNT_TIMEOUT = 15
DRIVER_TIMEOUT = 120


def fuse_problem() -> str | None:
    """Why FUSE cannot be used here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return "FUSE file systems are tested on Linux only"
    if not os.path.exists("/dev/fuse"):
        return "/dev/fuse is missing (install fuse3 and load the fuse module)"
    if shutil.which("fusermount3") is None:
        return "fusermount3 is missing (Debian package fuse3)"
    try:
        import mfusepy  # noqa: F401 - loads libfuse3 through ctypes
    except ImportError:
        return "the Python package mfusepy is missing (pip install -e .[test])"
    except OSError as exc:
        return f"mfusepy cannot load libfuse ({exc}; Debian package libfuse3-3)"
    if os.geteuid() != 0 and not os.access("/dev/fuse", os.R_OK | os.W_OK):
        return "this user may not use /dev/fuse"
    return None


def require_fuse() -> None:
    """Fail under CI, skip elsewhere, when this machine cannot mount a FUSE file system."""
    problem = fuse_problem()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the power-cut test needs FUSE: {problem}", pytrace=False)
    pytest.skip(f"the power-cut test needs FUSE: {problem}")


@contextmanager
def mounted(
    backing: Path, mount: Path, image: Path, *, cut_at: int | None, trace: Path | None = None
) -> Iterator[None]:
    """``powercut_fs`` over ``backing`` at ``mount``; unmounted when the block ends, however."""
    mount.mkdir()
    command = [sys.executable, str(FS_SCRIPT), str(backing), str(mount), "--image", str(image)]
    if cut_at is not None:
        command += ["--cut-at", str(cut_at)]
    if trace is not None:
        command += ["--trace", str(trace)]
    log_path = mount.with_name(mount.name + ".log")
    with log_path.open("wb") as log:
        daemon = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + MOUNT_TIMEOUT
            while not is_mounted(mount):
                if daemon.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "the power-cut file system did not mount:\n" + log_path.read_text(),
                        pytrace=False,
                    )
                time.sleep(0.02)
            yield
        finally:
            unmount(mount, daemon)
    text = log_path.read_text(errors="replace")
    assert "Traceback" not in text, f"the power-cut file system failed:\n{text}"


def is_mounted(mount: Path) -> bool:
    """Whether something is mounted at ``mount``, from the kernel's table.

    ``os.path.ismount`` cannot tell once the power is cut: it stats the mount,
    which fails with EIO.
    """
    wanted = os.path.abspath(mount)
    with open("/proc/self/mounts", encoding="utf-8") as table:
        points = [line.split()[1].encode().decode("unicode_escape") for line in table]
    return wanted in points


def unmount(mount: Path, daemon: subprocess.Popen) -> None:
    """Unmount ``mount`` and wait for its daemon; lazily, then by force, if it resists."""
    for options in (["-u"], ["-u"], ["-u", "-z"]):
        if not is_mounted(mount):
            break
        subprocess.run(
            ["fusermount3", *options, str(mount)], capture_output=True, timeout=30, check=False
        )
        if is_mounted(mount):
            time.sleep(0.2)
    try:
        daemon.wait(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        daemon.wait()
        subprocess.run(
            ["fusermount3", "-u", "-z", str(mount)], capture_output=True, timeout=30, check=False
        )


def driver_path() -> str:
    """PYTHONPATH for the children: this checkout's app, and the tests' helpers."""
    return os.pathsep.join([str(ROOT / "src"), str(ROOT)])


class Drivers:
    """Driver servers (``powercut_driver.py serve``): the app imported once, a fork per run.

    One per worker thread; ``run`` takes a free one, so threads may share the pool.
    """

    def __init__(self, count: int) -> None:
        self._free: queue.Queue[subprocess.Popen] = queue.Queue()
        self._all = []
        for _ in range(count):
            server = subprocess.Popen(
                [sys.executable, str(DRIVER), "serve"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONPATH": driver_path()},
            )
            self._all.append(server)
            self._free.put(server)

    def run(self, argv: list[str], work: Path, *, control: str = "") -> tuple[int, str, str]:
        """Run ``argv`` in a fresh child; its exit code, output and errors."""
        out, err = work / f"{argv[0]}.out", work / f"{argv[0]}.err"
        request = {
            "argv": argv,
            "stdout": str(out),
            "stderr": str(err),
            "control": control,
            "timeout": DRIVER_TIMEOUT,
        }
        server = self._free.get()
        try:
            assert server.stdin is not None
            assert server.stdout is not None
            server.stdin.write(json.dumps(request) + "\n")
            server.stdin.flush()
            answer = server.stdout.readline()
        finally:
            self._free.put(server)
        assert answer, "the driver server died"
        return int(answer), out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")

    def close(self) -> None:
        """Stop every server."""
        for server in self._all:
            assert server.stdin is not None
            server.stdin.close()
        for server in self._all:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            assert server.stdout is not None
            server.stdout.close()


@dataclass
class Day:
    """One run of the driver: what it promised, and the durable copy the power cut left."""

    mount: Path
    image: Path
    promises: list[list[str]]
    cut: dict
    output: str
    trace: list[str] = field(default_factory=list)

    def local(self, promised: str) -> Path:
        """The file in the durable copy that a promised path on the mount names."""
        return self.image / Path(promised).relative_to(self.mount)


def run_day(
    seed: Path,
    work: Path,
    drivers: Drivers,
    *,
    cut_at: int | None,
    control: str = "",
    trace: bool = False,
) -> Day:
    """Run the driver on a fresh copy of ``seed``, cutting the power at operation ``cut_at``."""
    work.mkdir(parents=True)
    backing, mount, image = work / "backing", work / "mnt", work / "image"
    shutil.copytree(seed, backing)
    trace_path = work / "trace.tsv" if trace else None
    with mounted(backing, mount, image, cut_at=cut_at, trace=trace_path):
        code, out, err = drivers.run(["drive", str(mount)], work, control=control)
    cut = json.loads(image.with_name(image.name + ".json").read_text(encoding="utf-8"))
    promises = [line.split() for line in out.splitlines()]
    if cut["operation"] is None:
        assert code == 0, err
        assert promises[-1] == ["done"], err
    return Day(
        mount,
        image,
        promises,
        cut,
        err,
        trace_path.read_text(encoding="utf-8").splitlines() if trace_path else [],
    )


def sale_refs(path: Path) -> set[str]:
    """The driver's sales in the database at ``path`` (with its ``-wal``), checked whole.

    Read from a copy, so that replaying the WAL leaves the durable copy as it was.
    """
    scratch = path.with_name(f".{path.name}.read")
    shutil.copyfile(path, scratch)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, scratch.with_name(scratch.name + "-wal"))
    try:
        with closing(sqlite3.connect(scratch)) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            assert verdict == "ok", f"{path.name}: {verdict}"
            return {
                ref
                for (ref,) in connection.execute(
                    "SELECT external_ref FROM sales WHERE external_ref LIKE 'drive-%'"
                )
            }
    finally:
        for leftover in scratch.parent.glob(scratch.name + "*"):
            leftover.unlink()


def complete(path: Path, count: int) -> str | None:
    """Why ``path`` is not a whole export holding ``count`` rows or pages, or None."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from bazaar_pos.exports.bundle_file import read_bundle

    data = path.read_bytes()
    try:
        match path.suffix:
            case ".pdf":
                if not data.startswith(b"%PDF") or not data.rstrip().endswith(b"%%EOF"):
                    return "is not a whole PDF"
                found = len(PdfReader(path).pages)
            case ".csv":
                found = len(list(csv.reader(io.StringIO(data.decode("utf-8"))))) - 1
            case ".xlsx":
                workbook = load_workbook(path, read_only=True)
                found = sum(1 for _row in workbook.worksheets[0].iter_rows()) - 1
                workbook.close()
            case ".bazaar":
                with zipfile.ZipFile(path) as archive:
                    if archive.testzip() is not None:
                        return "has a damaged member"
                found = read_bundle(path).manifest["members"]["sales.json"]["records"]
            case _:
                return "is a file the app does not write"
    except Exception as exc:  # any failure to read it is the finding
        return f"cannot be read ({type(exc).__name__}: {exc})"
    return None if found == count else f"holds {found} rows or pages, not {count}"


def problems(day: Day, seed: Path, counts: dict[str, int], drivers: Drivers) -> list[str]:
    """Everything the durable copy lost or broke of what the driver promised.

    ``counts`` are the rows or pages of each export in a run without a power cut.
    """
    from bazaar_pos.errors import UserError
    from bazaar_pos.services.safety.backups import inspect_backup
    from bazaar_pos.services.shop import Shop

    found: list[str] = []
    database = day.image / powercut_driver.DATABASE
    try:
        shop = Shop.open(database)  # the app's own start-up code
    except UserError as exc:
        return [f"the shop does not open: {exc}"]
    try:
        found += [f"check: {problem}" for problem in shop.check()]
        imported = {p.sku for p in shop.catalogue.search(limit=100)}
    finally:
        shop.close()
    code, out, err = drivers.run(["check", str(database)], day.image.parent)
    if code != 0:
        found.append(f"bazaar-pos check: {out}{err}")

    current = sale_refs(database)
    backups = day.image / "backups"
    replaced: set[str] = set()
    for path in sorted(backups.glob("*-replaced.sqlite")):
        replaced |= sale_refs(path)
    kinds = [words[0] for words in day.promises]
    restored_at = kinds.index("restore") if "restore" in kinds else None
    for index, words in enumerate(day.promises):
        if words[0] == "sale":
            ref = words[2]
            if ref not in current | replaced:
                found.append(f"acknowledged sale {words[1]} ({ref}) is lost")
            if restored_at is not None and index > restored_at and ref not in current:
                found.append(f"sale {ref}, made after the restore, is not in the shop")
        elif words[0] == "restore":
            backed_up = kinds.index("backup")
            before = {w[2] for w in day.promises[backed_up:index] if w[0] == "sale"}
            if before & current:
                found.append("the restore is undone: the shop still has sales it replaced")
        elif words[0] == "import":
            found += [f"imported product {sku} is lost" for sku in words[1:] if sku not in imported]
        elif words[0] in ("backup", "file") and not day.local(words[1]).is_file():
            found.append(f"acknowledged {words[0]} {Path(words[1]).name} is missing")

    promised_files = {day.local(w[1]) for w in day.promises if w[0] == "file"}
    for path in sorted(backups.iterdir()) if backups.is_dir() else ():
        if path.name.startswith(".") or path.name.endswith(("-wal", "-journal")):
            continue  # temporary files of a copy the cut interrupted; the -wal of a replaced file
        try:
            inspect_backup(path)
        except UserError as exc:
            found.append(f"backup {path.name} is broken: {exc}")
    for path in sorted((day.image / "exports").iterdir()):
        if path.name.startswith("."):
            continue  # the temporary file of an export the cut interrupted
        if (seed / "exports" / path.name).read_bytes() == path.read_bytes():
            if path in promised_files:
                found.append(f"acknowledged export {path.name} is still the previous version")
            continue
        reason = complete(path, counts[path.name])
        if reason:
            found.append(f"export {path.name} {reason}")
    return found
