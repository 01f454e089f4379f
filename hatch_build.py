"""Build hook: compile resources/translations/*.po to .mo for wheels and editable installs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Writes a .mo beside each .po before the wheel collects resources/ (the .po stays)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogues with the app's own compiler (Babel is a build requirement)."""
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from bazaar_pos.i18n import compile_catalogues
        finally:
            sys.path.pop(0)
        compile_catalogues(Path(self.root) / "resources" / "translations")
