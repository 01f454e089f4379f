"""The shop's settings and the till's identity, kept in the settings table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select

from bazaar_pos.domain.money import Currency, currency
from bazaar_pos.domain.payment import CashRule
from bazaar_pos.domain.pricing import CashRounding, TaxRule
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Setting
from bazaar_pos.store.types import new_uuid


@dataclass(frozen=True, slots=True)
class ShopSettings:
    """Everything the shop owner sets once: identity, money, tax and cash rounding."""

    shop_name: str = "Bazaar POS"
    address: str = ""
    phone: str = ""
    currency_code: str = "IDR"
    money_locale: str = "id_ID"
    language: str = ""
    tax_enabled: bool = False
    tax_rate: str = "12"
    tax_base_fraction: str = "11/12"
    tax_inclusive: bool = True
    cash_rounding_step: int = 0
    cash_rounding_mode: str = CashRounding.NEAREST.value
    oversell: str = "warn"
    till_id: str = ""
    till_code: str = "A"
    backup_keep: int = 14
    backup_folder: str = ""
    location_warning_seen: str = ""

    @property
    def currency(self) -> Currency:
        """The shop's currency."""
        return currency(self.currency_code)

    @property
    def tax_rule(self) -> TaxRule | None:
        """The tax the shop charges, or None when it charges none (most UMKM)."""
        if not self.tax_enabled:
            return None
        return TaxRule(Decimal(self.tax_rate), self.tax_inclusive, Fraction(self.tax_base_fraction))

    @property
    def cash_rule(self) -> CashRule:
        """How cash totals are rounded."""
        return CashRule(self.cash_rounding_step, CashRounding(self.cash_rounding_mode))


_PREFIX = "shop."


class SettingsService:
    """Reads and writes ShopSettings; gives every database a till identity once."""

    def __init__(self, db: Database) -> None:
        """Serve the settings of ``db``."""
        self._db = db

    def load(self) -> ShopSettings:
        """The settings as stored, with defaults for anything never set."""
        with self._db.reading() as session:
            stored = {
                s.key.removeprefix(_PREFIX): json.loads(s.value)
                for s in session.scalars(select(Setting).where(Setting.key.startswith(_PREFIX)))
            }
        known = {f.name for f in fields(ShopSettings)}
        return ShopSettings(**{k: v for k, v in stored.items() if k in known})

    def save(self, settings: ShopSettings) -> ShopSettings:
        """Store every field of ``settings``."""
        with self._db.writing() as session:
            for key, value in asdict(settings).items():
                session.merge(Setting(key=_PREFIX + key, value=json.dumps(value)))
        return settings

    def update(self, **changes: object) -> ShopSettings:
        """Change some fields and store the result."""
        return self.save(replace(self.load(), **changes))  # type: ignore[arg-type]

    def ensure_till_identity(self) -> ShopSettings:
        """Give this database a till UUID the first time it is opened."""
        settings = self.load()
        if settings.till_id:
            return settings
        return self.save(replace(settings, till_id=new_uuid()))
