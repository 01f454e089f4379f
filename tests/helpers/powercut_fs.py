"""A FUSE file system that forgets, at a power cut, everything that was not synced.

Run as ``python powercut_fs.py BACKING MOUNT --image IMAGE [--cut-at N] [--trace FILE]``.
Every operation passes through to the folder BACKING (the *live* state, what
programs see). Beside it the file system keeps a *durable* copy, what a disk
would still hold after losing power:

- a file's data reaches the durable copy only when that file is fsynced
  (``fsync`` or ``fdatasync``): until then a new file is empty there, and an
  old one keeps the data it had at its last sync;
- a folder's names (new files and folders, unlinks, renames, in or out)
  reach the durable copy only when that folder is fsynced.

Fsyncs of files and folders and renames are counted. At the ``N``-th one
(``--cut-at N``) the power is cut instead of doing it: the durable copy is
written to IMAGE, ``IMAGE.json`` says which operation was cut, and every
later operation fails with EIO until the file system is unmounted. Without
``--cut-at`` the power stays on and IMAGE is written at unmount. ``--trace``
gets one line per counted operation (number, kind, path).

No ``direct_io``: the kernel's page cache serves reads and shared memory maps,
which SQLite's WAL index (the ``-shm`` file) needs. ``hard_remove``: an open
file that is unlinked is gone at once, as on a disk (libfuse would otherwise
rename it to ``.fuse_hidden…``, a rename no program asked for).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import mfusepy

STAT_FIELDS = (
    "st_mode",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "st_blocks",
    "st_blksize",
    "st_ino",
    "st_dev",
    "st_rdev",
)
STATVFS_FIELDS = (
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
)


def powered(method: Callable[..., Any]) -> Callable[..., Any]:
    """Fail ``method`` with EIO once the power is cut."""

    @wraps(method)
    def guarded(self: PowerCutFS, *args: Any) -> Any:
        if self.cut is not None:
            raise mfusepy.FuseOSError(errno.EIO)
        return method(self, *args)

    return guarded


class PowerCutFS(mfusepy.Operations):
    """Pass-through to a backing folder, with a durable copy that only syncs fill."""

    use_ns = True

    def __init__(self, backing: Path, image: Path, cut_at: int | None, trace: Path | None) -> None:
        self.backing = backing
        self.image = image
        self.cut_at = cut_at
        self.trace = trace.open("w", encoding="utf-8") if trace else None
        self.count = 0
        self.cut: dict[str, Any] | None = None
        self.next_id = 0
        self.folders: set[int] = set()
        self.live: dict[int, dict[str, int]] = {}
        """Each folder's names now: name -> node."""
        self.durable_names: dict[int, dict[str, int]] = {}
        """Each folder's names as of its last fsync."""
        self.durable_data: dict[int, bytes] = {}
        """Each file's data as of its last fsync."""
        self.handles: dict[int, tuple[int, str]] = {}
        """Open file or folder handle -> (node, path at opening): FUSE gives handles, not paths."""
        self.next_handle = 1 << 20
        self.root = self._new(folder=True)
        self._load(backing, self.root)

    # -- the model -----------------------------------------------------------------------

    def _new(self, *, folder: bool) -> int:
        self.next_id += 1
        if folder:
            self.folders.add(self.next_id)
            self.live[self.next_id] = {}
            self.durable_names[self.next_id] = {}
        return self.next_id

    def _load(self, folder: Path, node: int) -> None:
        """What is in the backing folder at mount time is all durable."""
        for entry in sorted(folder.iterdir()):
            child = self._new(folder=entry.is_dir())
            self.live[node][entry.name] = child
            if entry.is_dir():
                self._load(entry, child)
            else:
                self.durable_data[child] = entry.read_bytes()
        self.durable_names[node] = dict(self.live[node])

    def _real(self, path: str) -> str:
        return os.path.join(self.backing, path.lstrip("/"))

    def _parent(self, path: str) -> tuple[int, str]:
        """The live folder node holding ``path`` and the last part of the name."""
        parts = [p for p in path.split("/") if p]
        node = self.root
        for part in parts[:-1]:
            node = self.live[node][part]
        return node, parts[-1]

    def _node(self, path: str) -> int:
        if path.strip("/") == "":
            return self.root
        folder, name = self._parent(path)
        return self.live[folder][name]

    def _counted(self, kind: str, path: str) -> None:
        """Count a sync or rename; at the chosen one, cut the power instead."""
        self.count += 1
        if self.trace:
            self.trace.write(f"{self.count}\t{kind}\t{path}\n")
            self.trace.flush()
        if self.cut_at is not None and self.count >= self.cut_at:
            self.cut = {"operation": self.count, "kind": kind, "path": path}
            self._save()
            raise mfusepy.FuseOSError(errno.EIO)

    def _save(self) -> None:
        """Write the durable copy to the image folder, then say so in ``IMAGE.json``."""
        self.image.mkdir(parents=True)
        self._save_folder(self.root, self.image)
        summary = self.cut or {"operation": None}
        summary["count"] = self.count
        marker = self.image.with_name(self.image.name + ".json")
        partial = marker.with_name(marker.name + ".part")
        partial.write_text(json.dumps(summary), encoding="utf-8")
        partial.replace(marker)

    def _save_folder(self, node: int, target: Path) -> None:
        for name, child in sorted(self.durable_names.get(node, {}).items()):
            if child in self.folders:
                (target / name).mkdir()
                self._save_folder(child, target / name)
            else:
                (target / name).write_bytes(self.durable_data.get(child, b""))

    # -- names ---------------------------------------------------------------------------

    @powered
    def getattr(self, path: str | None, fh: int | None = None) -> dict[str, Any]:
        result = os.fstat(fh) if fh is not None else os.lstat(self._real(path or "/"))
        attrs = {key: getattr(result, key) for key in STAT_FIELDS}
        attrs.update(
            st_atime=result.st_atime_ns, st_mtime=result.st_mtime_ns, st_ctime=result.st_ctime_ns
        )
        return attrs

    @powered
    def access(self, path: str, amode: int) -> int:
        if not os.access(self._real(path), amode):
            raise mfusepy.FuseOSError(errno.EACCES)
        return 0

    @powered
    def opendir(self, path: str) -> int:
        self.next_handle += 1
        self.handles[self.next_handle] = (self._node(path), path)
        return self.next_handle

    def releasedir(self, path: str | None, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    @powered
    def readdir(self, path: str | None, fh: int) -> list[str]:
        return [".", "..", *os.listdir(self._real(path or self.handles[fh][1]))]

    @powered
    def statfs(self, path: str) -> dict[str, int]:
        result = os.statvfs(self._real(path))
        return {key: getattr(result, key) for key in STATVFS_FIELDS}

    @powered
    def mkdir(self, path: str, mode: int) -> int:
        os.mkdir(self._real(path), mode)
        folder, name = self._parent(path)
        self.live[folder][name] = self._new(folder=True)
        return 0

    @powered
    def rmdir(self, path: str) -> int:
        os.rmdir(self._real(path))
        folder, name = self._parent(path)
        del self.live[folder][name]
        return 0

    @powered
    def unlink(self, path: str) -> int:
        os.unlink(self._real(path))
        folder, name = self._parent(path)
        del self.live[folder][name]
        return 0

    @powered
    def rename(self, old: str, new: str) -> int:
        self._counted("rename", f"{old} -> {new}")
        os.rename(self._real(old), self._real(new))
        old_folder, old_name = self._parent(old)
        new_folder, new_name = self._parent(new)
        self.live[new_folder][new_name] = self.live[old_folder].pop(old_name)
        return 0

    @powered
    def fsyncdir(self, path: str | None, datasync: int, fh: int) -> int:
        node, opened_as = self.handles[fh]
        self._counted("fsyncdir", opened_as)
        self.durable_names[node] = dict(self.live[node])
        return 0

    @powered
    def chmod(self, path: str | None, mode: int) -> int:
        os.chmod(self._real(path or "/"), mode)
        return 0

    @powered
    def chown(self, path: str | None, uid: int, gid: int) -> int:
        os.chown(self._real(path or "/"), uid, gid)
        return 0

    @powered
    def utimens(self, path: str | None, times: tuple[int, int] | None = None) -> int:
        os.utime(self._real(path or "/"), ns=times)
        return 0

    # -- data ----------------------------------------------------------------------------

    @powered
    def create(self, path: str, mode: int, flags: int) -> int:
        fh = os.open(self._real(path), _readable(flags) | os.O_CREAT, mode)
        folder, name = self._parent(path)
        node = self.live[folder].get(name)
        if node is None:
            node = self.live[folder][name] = self._new(folder=False)
        self.handles[fh] = (node, path)
        return fh

    @powered
    def open(self, path: str, flags: int) -> int:
        fh = os.open(self._real(path), _readable(flags) & ~(os.O_CREAT | os.O_EXCL))
        self.handles[fh] = (self._node(path), path)
        return fh

    @powered
    def read(self, path: str | None, size: int, offset: int, fh: int) -> bytes:
        return os.pread(fh, size, offset)

    @powered
    def write(self, path: str | None, data: bytes, offset: int, fh: int) -> int:
        return os.pwrite(fh, data, offset)

    @powered
    def truncate(self, path: str | None, length: int, fh: int | None = None) -> int:
        if fh is not None:
            os.ftruncate(fh, length)
        elif path is not None:
            os.truncate(self._real(path), length)
        else:
            raise mfusepy.FuseOSError(errno.ENOENT)
        return 0

    @powered
    def fallocate(self, path: str | None, mode: int, offset: int, size: int, fh: int) -> int:
        if mode:
            raise mfusepy.FuseOSError(errno.EOPNOTSUPP)
        os.posix_fallocate(fh, offset, size)
        return 0

    @powered
    def flush(self, path: str | None, fh: int) -> int:
        return 0

    def release(self, path: str | None, fh: int) -> int:
        self.handles.pop(fh, None)
        os.close(fh)
        return 0

    @powered
    def fsync(self, path: str | None, datasync: int, fh: int) -> int:
        node, opened_as = self.handles[fh]
        self._counted("fdatasync" if datasync else "fsync", opened_as)
        size = os.fstat(fh).st_size
        self.durable_data[node] = os.pread(fh, size, 0) if size else b""
        return 0

    def destroy(self, path: str) -> None:
        if self.cut is None:
            self._save()
        if self.trace:
            self.trace.close()


def _readable(flags: int) -> int:
    """``flags`` opening for reading too (a sync reads the file back) and without O_APPEND.

    The kernel gives every write its offset, also for files opened to append.
    """
    if flags & os.O_ACCMODE == os.O_WRONLY:
        flags = flags & ~os.O_ACCMODE | os.O_RDWR
    return flags & ~os.O_APPEND


def main(argv: list[str]) -> None:
    """Mount the file system in the foreground until it is unmounted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backing", type=Path)
    parser.add_argument("mount", type=Path)
    parser.add_argument("--image", type=Path, required=True)
    parser.add_argument("--cut-at", type=int)
    parser.add_argument("--trace", type=Path)
    args = parser.parse_args(argv)
    operations = PowerCutFS(args.backing.resolve(), args.image, args.cut_at, args.trace)
    mfusepy.FUSE(
        operations,
        str(args.mount),
        foreground=True,
        nothreads=True,
        hard_remove=True,
        fsname="powercut",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
