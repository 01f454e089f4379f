"""Rules for marketplace order files: channels, order states, and each column's way of writing.

Shopee, TikTok Shop (which now carries Tokopedia's orders too), Tokopedia's
older reports and Lazada write the same things differently, and even one file writes
numbers two ways: ``1.450.000`` is a price in Rupiah while ``9.999`` in a weight column
is kilograms; Lazada writes ``15000.00``, a dot before the decimals. So every column
is read by its own rule here, never by a global one.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from bazaar_pos.i18n import _


class Channel(enum.StrEnum):
    """Where an order was placed."""

    SHOPEE = "shopee"
    TIKTOK = "tiktok"
    TOKOPEDIA = "tokopedia"
    LAZADA = "lazada"


class OrderState(enum.StrEnum):
    """What an order's status means for the stock."""

    UNPAID = "unpaid"
    """Not paid yet: no stock moves."""
    SOLD = "sold"
    """Paid, to ship, shipped, delivered or completed: the goods are sold."""
    CANCELLED = "cancelled"
    """Cancelled: no stock moves, and a sale counted before is reversed."""


_CANCELLED = ("batal", "dibatalkan", "cancel", "canceled", "cancelled", "pembatalan")
_UNPAID = ("belum bayar", "belum dibayar", "unpaid", "awaiting payment", "menunggu pembayaran")


def order_state(status: str) -> OrderState:
    """The meaning of a status as a marketplace writes it (``Selesai``, ``Belum Bayar``...).

    Statuses are long sentences at times (``Pesanan diterima, namun Pembeli masih
    dapat mengajukan pengembalian hingga ...``), so they are matched by their start.
    Anything not unpaid or cancelled is a sale: a paid order the shop must send.
    """
    folded = " ".join(status.casefold().split())
    if folded.startswith(_UNPAID):
        return OrderState.UNPAID
    if folded.startswith(_CANCELLED):
        return OrderState.CANCELLED
    return OrderState.SOLD


_LAZADA_UNPAID = ("unpaid", "pending")
_LAZADA_RETURNED = ("returned", "package returned", "shipped_back_success", "shipped back success")


def lazada_state(status: str) -> OrderState:
    """What a Lazada item's status means: Lazada gives each unit of an order its own.

    ``pending`` (and ``unpaid``) move no stock yet; ``canceled`` never does;
    ``ready_to_ship``, ``shipped``, ``delivered``, ``confirmed``, ``Lost by 3PL`` and
    the returned ones are sold (a return waits for its parcel, :func:`lazada_returned`).
    """
    folded = " ".join(status.casefold().split())
    if folded.startswith(_LAZADA_UNPAID):
        return OrderState.UNPAID
    if folded.startswith(_CANCELLED):
        return OrderState.CANCELLED
    return OrderState.SOLD


def lazada_returned(status: str) -> bool:
    """Whether a Lazada item's status says it came back (``returned``, ``Package Returned``)."""
    return " ".join(status.casefold().split()).startswith(_LAZADA_RETURNED)


_MONEY_PREFIX = re.compile(r"^(rp\.?|idr)\s*", re.I)
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")


def parse_rupiah(text: str) -> int:
    """Rupiah as marketplaces write them: ``1.450.000``, ``Rp 9.999``, ``IDR 5.999``, ``5999``.

    Dots between groups of three digits are thousands; one or two digits after a
    single dot are decimals, which must be zero (``235.00``), since Rupiah have no cents.
    Raises ValueError naming the text otherwise.
    """
    cleaned = _MONEY_PREFIX.sub("", text.strip().replace("\t", "")).replace(" ", "")
    if _GROUPED.match(cleaned):
        return int(cleaned.replace(".", ""))
    if _PLAIN.match(cleaned):
        amount = Decimal(cleaned)
        if amount == amount.to_integral_value():
            return int(amount)
    raise ValueError(_("{text!r} is not an amount in Rupiah").format(text=text))


_COMMA_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")


def parse_decimal_rupiah(text: str) -> int:
    """Rupiah written with a dot before the decimals, as Lazada does: ``15000.00`` is Rp15.000.

    Commas may group thousands (``15,000.00``). A fraction of a Rupiah is refused,
    and so is ``1.000``: with a decimal dot it could be one Rupiah or a thousand.
    Raises ValueError naming the text otherwise.
    """
    cleaned = _MONEY_PREFIX.sub("", text.strip().replace("\t", "")).replace(" ", "")
    if _COMMA_GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if _PLAIN.match(cleaned):
        amount = Decimal(cleaned)
        if amount != amount.to_integral_value():
            raise ValueError(_("{text!r} has a fraction of a Rupiah").format(text=text))
        return int(amount)
    if _GROUPED.match(cleaned):
        raise ValueError(
            _(
                "{text!r} is ambiguous: this column writes a dot before the decimals, "
                "so write a thousand as 1000.00"
            ).format(text=text)
        )
    raise ValueError(_("{text!r} is not an amount in Rupiah").format(text=text))


def parse_count(text: str) -> int:
    """A quantity of pieces: plain digits (``29000``); ``1.000`` is refused as ambiguous."""
    cleaned = text.strip()
    if cleaned.isdigit() and cleaned.isascii():
        return int(cleaned)
    raise ValueError(_("{text!r} is not a whole number of pieces").format(text=text))


EXCEL_EPOCH = datetime(1899, 12, 30)
"""Day 0 of spreadsheet date serial numbers (Excel's 1900 system, as LibreOffice counts too)."""

DATE_FORMATS: dict[Channel, tuple[str, ...]] = {
    Channel.SHOPEE: ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"),
    Channel.TIKTOK: ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"),
    Channel.TOKOPEDIA: ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y"),
    Channel.LAZADA: ("%d %b %Y %H:%M", "%d %b %Y"),
}
"""How each channel writes its times: local time (WIB) with no zone."""

_ISO = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
"""How a spreadsheet cell holding a real date reads as text."""


def parse_order_time(text: str, channel: Channel) -> datetime:
    """A channel's order time as a naive local datetime.

    Besides the channel's own writing, accepts an ISO date (a cell the
    spreadsheet holds as a date) and a date serial number (a file saved again
    by a spreadsheet program: ``46203.42``).
    """
    cleaned = text.strip().replace("\t", "")
    for pattern in (*DATE_FORMATS[channel], *_ISO):
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    serial = spreadsheet_time(cleaned)
    if serial is not None:
        return serial
    raise ValueError(_("{text!r} is not a date and time").format(text=text))


def spreadsheet_time(text: str) -> datetime | None:
    """A spreadsheet's date serial (``46203.42``: days since 30 December 1899), or None.

    Only serials up to the year 9999 are dates; anything else is not one.
    """
    try:
        serial = Decimal(text)
    except InvalidOperation:
        return None
    if not 0 < serial < 2_958_466:
        return None
    return EXCEL_EPOCH + timedelta(seconds=int((serial * 86_400).to_integral_value()))


