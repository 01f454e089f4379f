"""Whether the database sits in a cloud-synced or network folder, where SQLite files break.

Sync clients (Dropbox, OneDrive, Google Drive, iCloud, Nextcloud) copy and
rename files under a running program and can pair a database with the wrong
``-wal`` file; network file systems break SQLite's locks. The live database
belongs on the computer's own disk; backups may go anywhere.
:func:`classify_location` is pure, so every rule is tested with plain paths;
:func:`location_risk` gathers the facts of this computer and calls it.
"""

from __future__ import annotations

import enum
import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from bazaar_pos.i18n import _

log = logging.getLogger(__name__)


class RiskKind(enum.StrEnum):
    """Why a folder is a poor home for the live database."""

    CLOUD = "cloud"
    NETWORK = "network"


@dataclass(frozen=True, slots=True)
class Mount:
    """One mounted file system: where it is mounted and its type (``ext4``, ``cifs``)."""

    point: str
    fs_type: str


@dataclass(frozen=True, slots=True)
class LocationRisk:
    """The database is in a synced or network folder: which kind, and the service's name."""

    kind: RiskKind
    service: str

    def message(self, path: object) -> str:
        """A warning for people, with the advice to keep only backups there."""
        if self.kind is RiskKind.CLOUD:
            text = _(
                "The shop database {path} is in a {service} folder. Sync apps can copy or "
                "rename it while Bazaar POS writes and lose sales. Keep the database on "
                "this computer's own disk and put only backups in {service}."
            )
        else:
            text = _(
                "The shop database {path} is on a network drive ({service}). SQLite "
                "databases can be damaged over a network. Keep the database on this "
                "computer's own disk and put only backups on the network drive."
            )
        return text.format(path=path, service=self.service)


# Folder names that sync services create, matched case-insensitively against
# each part of the path (or its start, for "OneDrive - Company" and the like).
_CLOUD_FOLDERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), service)
    for pattern, service in (
        (r"^dropbox( \(.+\))?$", "Dropbox"),
        (r"^onedrive( - .+)?$", "OneDrive"),
        (r"^skydrive$", "OneDrive"),
        (r"^google ?drive$", "Google Drive"),
        (r"^my drive$", "Google Drive"),
        (r"^cloudstorage$", "cloud storage"),
        (r"^icloud ?drive", "iCloud"),
        (r"^mobile documents$", "iCloud"),
        (r"^com~apple~clouddocs$", "iCloud"),
        (r"^nextcloud$", "Nextcloud"),
        (r"^owncloud$", "ownCloud"),
        (r"^pcloud ?drive$", "pCloud"),
        (r"^megasync$", "MEGA"),
        (r"^box ?sync$", "Box"),
        (r"^sync\.com$", "Sync.com"),
    )
)

_NETWORK_FS = {
    "cifs": "SMB",
    "smb3": "SMB",
    "smbfs": "SMB",
    "nfs": "NFS",
    "nfs4": "NFS",
    "afs": "AFS",
    "ncpfs": "NetWare",
    "9p": "9P",
    "ceph": "Ceph",
    "glusterfs": "GlusterFS",
    "davfs": "WebDAV",
    "lustre": "Lustre",
}
# FUSE file systems that are local disks, not network or cloud mounts.
_LOCAL_FUSE = {
    "fuse.lxcfs",
    "fuse.portal",
    "fuse.snapfuse",
    "fuse.squashfuse",
    "fuse.gocryptfs",
    "fuse.encfs",
    "fuse.cryfs",
    "fuse.bindfs",
    "fuse.mergerfs",
    "fuse.ntfs-3g",
    "fuse.appimagefuse",
    "fuse.fuse-overlayfs",
}


def classify_location(
    path: str | PurePath,
    *,
    windows: bool = False,
    mounts: Sequence[Mount] = (),
    remote_drive: bool = False,
) -> LocationRisk | None:
    """The risk of keeping a database at ``path``, or None for an ordinary local folder.

    ``path`` should be absolute. ``windows`` reads it as a Windows path;
    ``mounts`` are the mounted file systems (Linux); ``remote_drive`` says
    Windows reports its drive letter as a network drive.
    """
    pure: PurePath = PureWindowsPath(path) if windows else PurePosixPath(path)
    text = str(path)
    if windows and (text.startswith(("\\\\", "//")) or pure.drive.startswith(("\\\\", "//"))):
        return LocationRisk(RiskKind.NETWORK, "SMB")
    if not windows and text.startswith("//"):
        return LocationRisk(RiskKind.NETWORK, "SMB")
    if remote_drive:
        return LocationRisk(RiskKind.NETWORK, _("network drive {drive}").format(drive=pure.drive))
    parts = pure.parts
    for index, part in enumerate(parts):
        for pattern, service in _CLOUD_FOLDERS:
            if pattern.search(part):
                if part.lower() == "cloudstorage" and index + 1 < len(parts):
                    service = _provider_folder(parts[index + 1])
                return LocationRisk(RiskKind.CLOUD, service)
    mount = _mount_of(pure, mounts)
    if mount is not None:
        return _fs_risk(mount.fs_type)
    return None


def _provider_folder(name: str) -> str:
    """The service behind a macOS ``~/Library/CloudStorage/Provider-account`` folder."""
    provider = name.split("-", 1)[0]
    known = {"googledrive": "Google Drive", "onedrive": "OneDrive", "dropbox": "Dropbox"}
    return known.get(provider.lower(), provider)


def _mount_of(path: PurePath, mounts: Sequence[Mount]) -> Mount | None:
    """The mount holding ``path``: the longest mount point it lies under."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (path == point or point in path.parents) and (
            best is None or len(mount.point) > len(best.point)
        ):
            best = mount
    return best


def _fs_risk(fs_type: str) -> LocationRisk | None:
    fs_type = fs_type.lower()
    if fs_type in _NETWORK_FS:
        return LocationRisk(RiskKind.NETWORK, _NETWORK_FS[fs_type])
    if fs_type.startswith("nfs"):
        return LocationRisk(RiskKind.NETWORK, "NFS")
    if fs_type.startswith("fuse.") and fs_type not in _LOCAL_FUSE:
        name = fs_type.removeprefix("fuse.")
        if name in ("sshfs", "rclone", "gvfsd-fuse", "curlftpfs", "s3fs"):
            return LocationRisk(RiskKind.NETWORK, name)
        if "drive" in name or "onedrive" in name or "dropbox" in name:
            return LocationRisk(RiskKind.CLOUD, name)
        return LocationRisk(RiskKind.NETWORK, name)
    return None


def parse_mounts(text: str) -> list[Mount]:
    r"""Read ``/proc/mounts`` text; octal escapes such as ``\040`` (a space) are decoded."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1])
            mounts.append(Mount(point, fields[2]))
    return mounts


def location_risk(path: Path) -> LocationRisk | None:
    """The risk of keeping a database at ``path`` on this computer, or None."""
    try:
        resolved = Path(path).expanduser().resolve()
    except OSError:
        resolved = Path(path).absolute()
    windows = os.name == "nt"
    return classify_location(
        str(resolved),
        windows=windows,
        mounts=_linux_mounts(),
        remote_drive=windows and _is_remote_drive(resolved),
    )


def _linux_mounts() -> list[Mount]:
    if not sys.platform.startswith("linux"):
        return []
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def _is_remote_drive(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive_remote = 4
    root = path.drive + "\\"
    try:
        kind: int = ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False
    return kind == drive_remote
