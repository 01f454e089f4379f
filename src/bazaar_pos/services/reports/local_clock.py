"""The base of services that read the sales by the shop's local clock."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from bazaar_pos.domain.periods import local_zone
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.types import utcnow


class LocalClockService:
    """Reads ``db`` with the shop's settings, telling days and times by ``zone``."""

    def __init__(self, db: Database, settings: SettingsService, zone: tzinfo | None = None) -> None:
        """Report on ``db`` by the local clock of ``zone`` (default: this computer's)."""
        self._db = db
        self._settings = settings
        self.zone = zone or local_zone()

    def now(self) -> datetime:
        """The local time now."""
        return utcnow().astimezone(self.zone)

    def today(self) -> date:
        """Today's date on the local clock."""
        return self.now().date()
