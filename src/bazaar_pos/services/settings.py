"""The shop's settings and the till's identity, kept in the settings table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from sqlalchemy import select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import CURRENCIES, Currency, currency
from bazaar_pos.domain.payment import CashRule
from bazaar_pos.domain.pricing import CashRounding, TaxRule
from bazaar_pos.domain.qris import QrisError
from bazaar_pos.domain.qris import validate as validate_qris
from bazaar_pos.domain.reminders import template_problems
from bazaar_pos.domain.scale_barcodes import (
    DEFAULT_LAYOUT_TEXTS,
    ScaleLayout,
    free_internal_prefix,
    layout_problems,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import LANGUAGES, _, ngettext, set_language
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.records import (
    load_record,
    save_record,
    save_record_fields,
    writing_settings,
)
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Product, Sale, Setting
from bazaar_pos.store.types import new_uuid

if TYPE_CHECKING:
    from bazaar_pos.services.people.access import AccessControl, Approval


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
    online_buffer: int = 0
    """Whole units of each product kept back from the stock published to marketplaces."""
    qris_payload: str = ""
    till_id: str = ""
    till_code: str = "A"
    backup_keep: int = 14
    backup_folder: str = ""
    location_warning_seen: str = ""
    setup_done: bool = False
    scale_codes: tuple[str, ...] = DEFAULT_LAYOUT_TEXTS
    """The label scales' barcode layouts, each as ``ScaleLayout.text`` (``21:weight:5:5``)."""
    kasbon_due_days: int = 30
    """How many days after a kasbon sale it is due, unless the cashier picks another day."""
    credit_limit: int = 0
    """A new customer's credit limit in minor units (0: each kasbon asks the owner)."""
    reminder_template: str = ""
    """The WhatsApp kasbon reminder; empty: the built-in text in the shop's language."""
    order_deposit_percent: int = 50
    """The down payment a new pre-order suggests, as a percentage of its total."""

    def __post_init__(self) -> None:
        """Keep the scale code layouts as a tuple, however they were read (JSON gives a list)."""
        object.__setattr__(self, "scale_codes", tuple(self.scale_codes))

    @property
    def scale_layouts(self) -> tuple[ScaleLayout, ...]:
        """The label scale layouts the till reads; a stored one that cannot be read is left out."""
        layouts = []
        for text in self.scale_codes:
            try:
                layouts.append(ScaleLayout.from_text(text))
            except ValueError:
                continue
        return tuple(layouts)

    @property
    def internal_prefix(self) -> int:
        """The prefix of the EAN-13 codes the shop makes for itself: one no scale layout takes."""
        return free_internal_prefix(self.scale_layouts)

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

    def problems(self) -> list[str]:
        """Every setting that cannot be used, as translated messages."""
        found = []
        if not self.shop_name.strip():
            found.append(_("The shop name is empty."))
        if self.currency_code not in CURRENCIES:
            found.append(_("Unknown currency {code}.").format(code=self.currency_code))
        try:
            rate, base = Decimal(self.tax_rate), Fraction(self.tax_base_fraction)
        except (ArithmeticError, ValueError, ZeroDivisionError):
            found.append(_("The tax rate must be a number and the tax base a fraction."))
        else:
            if not (0 <= rate <= 100 and 0 < base <= 1):
                found.append(_("The tax rate must be 0-100% and the tax base at most 1."))
        if self.cash_rounding_step < 0:
            found.append(_("Cash rounding cannot be negative."))
        if self.cash_rounding_mode not in set(CashRounding):
            found.append(_("Unknown cash rounding {mode}.").format(mode=self.cash_rounding_mode))
        if self.oversell not in OVERSELL_CHOICES:
            found.append(_("Selling beyond stock must be 'warn' or 'block'."))
        if self.kasbon_due_days < 0 or self.credit_limit < 0:
            found.append(_("The kasbon due days and credit limit cannot be negative."))
        if not 0 <= self.order_deposit_percent <= 100:
            found.append(_("The suggested down payment must be 0-100%."))
        found.extend(template_problems(self.reminder_template))
        if self.online_buffer < 0:
            found.append(_("The stock kept back from online shops cannot be negative."))
        if self.qris_payload:
            try:
                validate_qris(self.qris_payload)
            except QrisError as exc:
                found.append(_("The QRIS code is not valid: {reason}").format(reason=exc))
        layouts = []
        for text in self.scale_codes:
            try:
                layouts.append(ScaleLayout.from_text(text))
            except ValueError as exc:
                found.append(str(exc))
        found.extend(layout_problems(layouts))
        return found


_PREFIX = "shop."
OVERSELL_CHOICES = ("warn", "block")

def speak_shop_language(settings: SettingsService) -> None:
    """Switch to the language chosen in Settings, when the shop chose one."""
    chosen = settings.load().language
    if chosen in LANGUAGES:
        set_language(chosen)


class SettingsService:
    """Reads and writes ShopSettings; gives every database a till identity once."""

    def __init__(self, db: Database, access: AccessControl) -> None:
        """Serve the settings of ``db``; ``access`` says who may change them."""
        self._db = db
        self._access = access

    @property
    def access(self) -> AccessControl:
        """Who is signed in (a shop without users is worked by its owner)."""
        return self._access

    def load(self) -> ShopSettings:
        """The settings as stored, with defaults for anything never set."""
        return load_record(self._db, _PREFIX, ShopSettings)

    def save(self, settings: ShopSettings) -> ShopSettings:
        """Store every field of ``settings``."""
        save_record(self._db, _PREFIX, settings)
        return settings

    def update(self, **changes: object) -> ShopSettings:
        """Change some fields and store the result."""
        return self.save(replace(self.load(), **changes))  # type: ignore[arg-type]

    def change(
        self, settings: ShopSettings, *, actor: str = "", approval: Approval | None = None
    ) -> ShopSettings:
        """Store settings a person edited: refuse bad ones, log what changed in the audit trail.

        Changing settings is an owner's job; a cashier needs an owner's ``approval``
        (saving them unchanged needs none).
        """
        problems = settings.problems()
        before = asdict(self.load())
        if not problems and settings.scale_codes != before["scale_codes"]:
            problems = self._scale_prefix_clashes(settings, before["scale_codes"])
        if problems:
            raise ValidationError(_("The settings were not saved."), problems)
        changed = {k: v for k, v in asdict(settings).items() if before.get(k) != v}
        needed = (Permission.CHANGE_SETTINGS,) if changed else ()
        with (
            self.access.permit(*needed, approval=approval) as grant,
            writing_settings(self._db) as session,
        ):
            for key, value in changed.items():
                session.merge(Setting(key=_PREFIX + key, value=json.dumps(value)))
            if changed:
                record_event(
                    session,
                    "settings.changed",
                    actor=actor or grant.actor.name,
                    entity="settings",
                    details={k: before.get(k) for k in changed}
                    | {"new": changed}
                    | grant.details(),
                )
        return settings

    def _scale_prefix_clashes(self, settings: ShopSettings, kept: tuple[str, ...]) -> list[str]:
        """A new scale layout may not take a prefix the shop's products already have codes in.

        Labels already printed with such a code would be read as scale codes
        the moment a scale prints the same digits. New codes the shop makes
        move to a free prefix on their own (see ``internal_prefix``).
        """
        old = {layout.prefix for layout in ShopSettings(scale_codes=kept).scale_layouts}
        found = []
        with self._db.reading() as session:
            for layout in settings.scale_layouts:
                if layout.prefix in old:
                    continue
                codes = [
                    code
                    for code in session.scalars(
                        select(Product.barcode)
                        .where(Product.barcode.like(f"{layout.prefix}%"))
                        .order_by(Product.barcode)
                    )
                    if code and layout.matches(code)
                ]
                if codes:
                    found.append(
                        ngettext(
                            "{count} product already has a barcode starting with {prefix} "
                            "({code}): a scale code layout cannot take that prefix.",
                            "{count} products already have barcodes starting with {prefix} "
                            "(such as {code}): a scale code layout cannot take that prefix.",
                            len(codes),
                        ).format(count=len(codes), prefix=layout.prefix, code=codes[0])
                    )
        return found

    def ensure_till_identity(self) -> ShopSettings:
        """Give this database a till UUID the first time it is opened."""
        settings = self.load()
        if settings.till_id:
            return settings
        return self.save(replace(settings, till_id=new_uuid()))

    def is_empty(self) -> bool:
        """True while the shop has neither products nor sales (the demo may go in)."""
        with self._db.reading() as session:
            return all(
                session.scalar(select(model.id).limit(1)) is None for model in (Product, Sale)
            )

    def needs_setup(self) -> bool:
        """True when the first-run setup should show: never done, and the shop is empty.

        A shop that already has products or sales (made before first-run setup
        existed, or filled from the command line) is marked as set up instead.
        """
        if self.load().setup_done:
            return False
        if self.is_empty():
            return True
        self.mark_set_up()
        return False

    def mark_set_up(self) -> None:
        """Remember that the first-run setup was done or skipped, so it does not show again."""
        save_record_fields(self._db, _PREFIX, setup_done=True)
