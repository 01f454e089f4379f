"""Money, payment methods and times as screens show them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bazaar_pos.domain.money import MinorUnits, format_money
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.settings import ShopSettings

MoneyText = Callable[[MinorUnits], str]

METHOD_LABELS = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.QRIS: N_("QRIS"),
    PaymentMethod.TRANSFER: N_("Bank transfer"),
    PaymentMethod.CARD: N_("Card (EDC)"),
    PaymentMethod.EWALLET: N_("E-wallet"),
}


def money_text(settings: ShopSettings) -> MoneyText:
    """A function writing amounts in the shop's currency and locale: ``Rp15.000``."""
    cur, locale = settings.currency, settings.money_locale
    return lambda minor: format_money(minor, cur, locale)


def method_label(method: str) -> str:
    """The translated name of a payment method (the stored code if it is unknown)."""
    try:
        return _(METHOD_LABELS[PaymentMethod(method)])
    except ValueError:
        return method


def local_time(moment: datetime) -> str:
    """A stored UTC time in the computer's time zone: ``2026-11-22 14:05``."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
