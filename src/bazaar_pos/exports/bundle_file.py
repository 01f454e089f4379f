"""The till bundle file: a zip of JSON members and a manifest with their SHA-256 checksums.

A bundle carries one till's records to another database. ``manifest.json``
names the format and its version, the till that made it, and every member
with its size, record count and checksum. A reader refuses the whole file when
anything does not match: a damaged zip, a member missing, added or changed,
or a format version newer than it knows. Later versions add members and raise
``format_version``: version 2 adds customers and their groups and prices, kasbon
entries, pre-orders, marketplace mappings and returns. A version 1 bundle is
still read, with those members empty.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bazaar_pos.errors import UserError
from bazaar_pos.files import atomic_path
from bazaar_pos.i18n import _

FORMAT = "bazaar-pos-bundle"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
MEMBERS_V1 = ("products.json", "sales.json", "stock_movements.json")
"""The members of a version 1 bundle, each a JSON list of records."""
LINKED_MEMBERS = {
    "customer_groups.json": "customer_group",
    "customers.json": "customer",
    "customer_group_prices.json": "customer_group_price",
    "account_entries.json": "account_entry",
    "customer_orders.json": "customer_order",
    "marketplace_skus.json": "marketplace_sku",
    "marketplace_returns.json": "marketplace_return",
}
"""The members version 2 adds, with the kind of record each holds."""
MEMBERS = (*MEMBERS_V1, *LINKED_MEMBERS)
"""The members of a version 2 bundle."""
MAX_MANIFEST_BYTES = 1_000_000


class BundleError(UserError):
    """A bundle that cannot be imported: not a bundle, damaged, altered, or too new."""


@dataclass(frozen=True, slots=True)
class BundleContents:
    """A bundle read and verified: its manifest and each member's records."""

    path: Path
    manifest: dict[str, Any]
    members: dict[str, list[Any]]


def write_bundle(
    path: Path, header: dict[str, Any], members: dict[str, list[Any]]
) -> dict[str, Any]:
    """Write ``members`` and a manifest built from ``header`` to ``path`` atomically.

    Returns the manifest written.
    """
    encoded = {name: _encode(records) for name, records in members.items()}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **header,
        "members": {
            name: {
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "records": len(members[name]),
            }
            for name, data in encoded.items()
        },
    }
    with (
        atomic_path(path) as temporary,
        zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        for name, data in encoded.items():
            archive.writestr(name, data)
    return manifest


def read_bundle(path: Path) -> BundleContents:
    """Read ``path`` and verify every member against the manifest, or raise BundleError."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise BundleError(_("{name} was not found.").format(name=path))
    if not zipfile.is_zipfile(path):
        raise BundleError(_("{name} is not a Bazaar POS bundle.").format(name=name))
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive, name)
            expected = _members_of(manifest)
            members = {member: _member(archive, manifest, member, name) for member in expected}
            members.update((member, []) for member in MEMBERS if member not in members)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise BundleError(
            _("{name} is damaged ({reason}); nothing was imported.").format(name=name, reason=exc)
        ) from None
    except OSError as exc:
        raise BundleError(
            _("Cannot read {name}: {reason}").format(name=name, reason=exc.strerror)
        ) from None
    return BundleContents(path, manifest, members)


def _encode(records: list[Any]) -> bytes:
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    names = archive.namelist()
    if MANIFEST not in names:
        raise BundleError(_("{name} is not a Bazaar POS bundle.").format(name=name))
    if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise BundleError(_("{name} is not a Bazaar POS bundle.").format(name=name))
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleError(
            _("{name} is damaged: its manifest cannot be read; nothing was imported.").format(
                name=name
            )
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(_("{name} is not a Bazaar POS bundle.").format(name=name))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise BundleError(_("{name} is not a Bazaar POS bundle.").format(name=name))
    if version > FORMAT_VERSION:
        raise BundleError(
            _(
                "{name} was made by a newer version of Bazaar POS (bundle format {version}). "
                "Update the app to import it; nothing was imported."
            ).format(name=name, version=version)
        )
    listed = manifest.get("members")
    expected = _members_of(manifest)
    if not isinstance(listed, dict) or set(listed) != set(expected):
        raise _altered(name, _("its list of contents was changed"))
    missing = sorted(set(expected) - set(names))
    if missing:
        raise _altered(name, _("{member} is missing").format(member=missing[0]))
    if len(names) != len(set(names)) or set(names) != {MANIFEST, *expected}:
        raise _altered(name, _("it holds files its manifest does not list"))
    return manifest


def _members_of(manifest: dict[str, Any]) -> tuple[str, ...]:
    """The members a bundle of the manifest's format version holds."""
    return MEMBERS_V1 if manifest.get("format_version") == 1 else MEMBERS


def _member(
    archive: zipfile.ZipFile, manifest: dict[str, Any], member: str, name: str
) -> list[Any]:
    expected = manifest["members"][member]
    if not isinstance(expected, dict) or archive.getinfo(member).file_size != expected.get("bytes"):
        raise _altered(name, _("{member} is not the size its manifest says").format(member=member))
    data = archive.read(member)
    if hashlib.sha256(data).hexdigest() != expected.get("sha256"):
        raise _altered(name, _("{member} does not match its checksum").format(member=member))
    try:
        records = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _altered(name, _("{member} cannot be read").format(member=member)) from None
    if not isinstance(records, list) or len(records) != expected.get("records"):
        raise _altered(
            name, _("{member} does not hold what its manifest says").format(member=member)
        )
    return records


def _altered(name: str, reason: str) -> BundleError:
    return BundleError(
        _("{name} was damaged or altered ({reason}); nothing was imported.").format(
            name=name, reason=reason
        )
    )
