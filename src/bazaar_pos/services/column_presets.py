"""Named column mappings (presets) kept in the settings table, one record per kind of import."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path

from bazaar_pos.domain.column_mapping import ColumnMapping
from bazaar_pos.domain.text import header_key
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.records import load_value, writing_settings
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Setting

MAX_NAME = 40
"""The longest preset name."""


class ColumnPresets:
    """The presets of every kind of import (``products``, ``qris``, ...), built in and saved.

    A kind's built-in presets come with the code; saved ones are the shop's
    own and may replace a built-in one of the same name.
    """

    def __init__(self, db: Database, builtin: Mapping[str, Mapping[str, ColumnMapping]]) -> None:
        """Keep presets in ``db``; ``builtin`` gives each kind's shipped presets by name."""
        self._db = db
        self._builtin = builtin

    def names(self, kind: str) -> list[str]:
        """Every preset of ``kind``: the built-in ones first, then the shop's own, by name."""
        shipped = list(self._builtin.get(kind, {}))
        own = sorted(n for n in self._saved(kind) if n not in shipped)
        return [*shipped, *own]

    def get(self, kind: str, name: str) -> ColumnMapping:
        """The preset ``name`` of ``kind`` (the case of the name does not matter), or UserError."""
        every = {**self._builtin.get(kind, {}), **self._saved(kind)}
        for known, mapping in every.items():
            if known.casefold() == name.strip().casefold():
                return dict(mapping)
        raise UserError(
            _("There is no preset {name!r}. Presets: {names}.").format(
                name=name, names=", ".join(self.names(kind)) or "-"
            )
        )

    def save(self, kind: str, name: str, mapping: Mapping[str, str], *, by: str = "") -> None:
        """Keep ``mapping`` as the preset ``name`` of ``kind``, replacing one of the same name.

        The audit log says who saved it (``by``) and what it maps.
        """
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME:
            raise UserError(
                _("A preset name is 1 to {most} characters.").format(most=MAX_NAME)
            )
        saved = {n: m for n, m in self._saved(kind).items() if n.casefold() != name.casefold()}
        kept = {header.strip(): field for header, field in mapping.items() if field}
        saved[name] = kept
        with writing_settings(self._db) as session:
            session.merge(Setting(key=_key(kind), value=json.dumps(saved)))
            record_event(
                session,
                "import.preset_saved",
                actor=by,
                entity="settings",
                entity_ref=_key(kind),
                details={
                    "kind": kind,
                    "name": name,
                    "mapping": ", ".join(f"{h}: {f}" for h, f in kept.items()),
                },
            )

    def _saved(self, kind: str) -> dict[str, ColumnMapping]:
        stored = load_value(self._db, _key(kind))
        if not isinstance(stored, dict):
            return {}
        return {str(n): dict(m) for n, m in stored.items() if isinstance(m, dict)}


def _key(kind: str) -> str:
    return f"presets.{kind}"


def read_mapping_file(path: Path) -> ColumnMapping:
    """A mapping written as a two-column CSV file: the file's header, then the field it holds.

    A first row ``header,field`` (or ``kolom,isi``) is skipped; a row with
    an empty field leaves that column out.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UserError(_("Cannot read the mapping file {path}.").format(path=path)) from None
    mapping: ColumnMapping = {}
    for line, cells in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise UserError(
                _("{path}, line {line}: write the file's header, a comma, then the field.").format(
                    path=path, line=line
                )
            )
        header, field = cells[0], cells[1]
        if line == 1 and header_key(header) in ("header", "kolom") and field:
            continue
        if field:
            mapping[header] = field.lower()
    if not mapping:
        raise UserError(_("{path} maps no column.").format(path=path))
    return mapping
