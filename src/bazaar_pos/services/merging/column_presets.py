"""Column mappings saved by name for each kind of import, kept under one settings key.

A mapping is a dict field -> header. The saved ones of every kind live as one
JSON object ``{kind: {name: mapping}}`` under ``import.column_presets``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Setting

PRESETS_KEY = "import.column_presets"


class ColumnPresets:
    """Saved column mappings of ``db``, by kind of import (``settlement``, ``products``...)."""

    def __init__(self, db: Database) -> None:
        """Keep the presets in the settings table of ``db``."""
        self._db = db

    def load_presets(self, kind: str) -> dict[str, dict[str, str]]:
        """The saved mappings of ``kind`` by name (empty when none were saved)."""
        with self._db.reading() as session:
            row = session.get(Setting, PRESETS_KEY)
        return _stored(row.value if row else "").get(kind, {})

    def save_preset(
        self, kind: str, name: str, mapping: Mapping[str, str], *, by: str = ""
    ) -> None:
        """Save ``mapping`` as ``name`` for ``kind`` (replacing one of that name)."""
        name = name.strip()
        if not name:
            raise UserError(_("A column mapping needs a name."))
        cleaned = {field: header.strip() for field, header in mapping.items() if header.strip()}
        with self._db.writing() as session:
            row = session.get(Setting, PRESETS_KEY)
            stored = _stored(row.value if row else "")
            stored.setdefault(kind, {})[name[:60]] = cleaned
            value = json.dumps(stored, ensure_ascii=False, sort_keys=True)
            if row is None:
                session.add(Setting(key=PRESETS_KEY, value=value))
            else:
                row.value = value
            record_event(
                session,
                "import.preset_saved",
                actor=by,
                entity="settings",
                entity_ref=PRESETS_KEY,
                details={
                    "kind": kind,
                    "name": name[:60],
                    "mapping": ", ".join(f"{f}: {h}" for f, h in cleaned.items()),
                },
            )


def _stored(value: str) -> dict[str, dict[str, dict[str, str]]]:
    try:
        found = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        str(kind): {
            str(name): {str(f): str(h) for f, h in mapping.items()}
            for name, mapping in presets.items()
            if isinstance(mapping, dict)
        }
        for kind, presets in found.items()
        if isinstance(presets, dict)
    }
