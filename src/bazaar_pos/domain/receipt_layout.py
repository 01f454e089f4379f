"""Lay a receipt out as plain ASCII lines for a paper that holds ``columns`` characters."""

from __future__ import annotations

import enum
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from unidecode import unidecode

from bazaar_pos.domain.money import MinorUnits, format_money
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.quantity import PER_UNIT, quantity_times_price
from bazaar_pos.domain.receipt import Receipt, ReceiptItem, ShopHeader
from bazaar_pos.i18n import N_, _

COLUMN_CHOICES = {58: (32,), 80: (48, 42)}
"""The characters a line each paper can be set to, the usual first. Many 80 mm printers print
42: the Epson TM-T20 family and its clones in "42 column mode", and 512-dot printers."""

PAPER_COLUMNS = {paper: choices[0] for paper, choices in COLUMN_CHOICES.items()}
"""The usual characters a line on each paper, in the printer's normal font (Font A, 12 dots
wide at 203 dpi)."""

LINE_DOTS = {32: 384, 48: 576, 42: 512}
"""Printable width in dots for each line width; 512 fits every 42-column printer."""

PAPER_PRINTABLE_MM = {58: 48, 80: 72}
"""Printable width in millimetres."""

DATE_FORMAT = "%d/%m/%Y %H:%M"
DAY_FORMAT = "%d/%m/%Y"

QR_CAPTION_MAX = 64
"""A QR code's data is printed beneath it when it is short enough to read, such as a link."""

METHOD_LABELS = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.QRIS: N_("QRIS"),
    PaymentMethod.TRANSFER: N_("Transfer"),
    PaymentMethod.CARD: N_("Card"),
    PaymentMethod.EWALLET: N_("E-wallet"),
    PaymentMethod.ACCOUNT: N_("Kasbon"),
    PaymentMethod.DEPOSIT: N_("Down payment"),
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class LineStyle(enum.StrEnum):
    """How a line is shown: plain, the shop's name, a strong line such as the total, or a picture.

    A LOGO line's text is the logo's file; a QR line's text is the data to encode.
    """

    PLAIN = "plain"
    TITLE = "title"
    STRONG = "strong"
    LOGO = "logo"
    QR = "qr"

    @property
    def is_picture(self) -> bool:
        """Whether the line is drawn as a picture rather than printed as text."""
        return self in (LineStyle.LOGO, LineStyle.QR)


@dataclass(frozen=True, slots=True)
class LaidLine:
    """One printed line, already padded and never wider than the paper."""

    text: str
    style: LineStyle = LineStyle.PLAIN


def to_ascii(text: str) -> str:
    """Transliterate ``text`` to printable ASCII (``Café Ñoño`` -> ``Cafe Nono``)."""
    ascii_text = unidecode(text, errors="replace", replace_str="?")
    return _CONTROL.sub(" ", ascii_text)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters (long words are split)."""
    lines = textwrap.wrap(
        to_ascii(text), max(width, 1), break_long_words=True, break_on_hyphens=False
    )
    return lines or [""]


def centred(text: str, columns: int) -> list[str]:
    """``text`` wrapped and centred on the paper."""
    return [line.center(columns).rstrip() for line in wrap(text, columns)]


def pair(left: str, right: str, columns: int) -> list[str]:
    """``left`` and ``right`` on one line, ``right`` flush right; ``left`` wraps above it."""
    left, right = to_ascii(left), to_ascii(right)
    room = columns - len(right) - 1
    if room < max(4, columns // 4):
        return [*wrap(left, columns), *(part.rjust(columns) for part in wrap(right, columns))]
    lines = wrap(left, room)
    last = lines.pop()
    return [*lines, last + " " * (columns - len(last) - len(right)) + right]


def rule(columns: int) -> LaidLine:
    """A dashed line across the paper."""
    return LaidLine("-" * columns)


def laid(lines: list[str], style: LineStyle = LineStyle.PLAIN) -> list[LaidLine]:
    """``lines`` as laid lines of one ``style``."""
    return [LaidLine(line, style) for line in lines]


def heading(shop: ShopHeader, columns: int, logo_path: str = "") -> list[LaidLine]:
    """The top of anything printed for a customer: logo, shop name, address, phone, a rule."""
    out = [LaidLine(logo_path, LineStyle.LOGO)] if logo_path else []
    out += laid(centred(shop.name, columns), LineStyle.TITLE)
    for detail in (shop.address, shop.phone, shop.social):
        if detail.strip():
            out += laid(centred(detail, columns))
    out.append(rule(columns))
    return out


def layout_receipt(receipt: Receipt, columns: int) -> tuple[LaidLine, ...]:
    """The receipt as lines for a paper ``columns`` characters wide."""

    def money(minor: MinorUnits) -> str:
        return format_money(minor, receipt.currency, receipt.money_locale)

    out = heading(receipt.shop, columns, receipt.logo_path)
    out += laid(pair(_("No."), receipt.number, columns))
    out += laid(pair(_("Date"), receipt.sold_at.strftime(DATE_FORMAT), columns))
    if receipt.cashier.strip():
        out += laid(pair(_("Cashier"), receipt.cashier, columns))
    if receipt.customer.strip():
        out += laid(pair(_("Customer"), receipt.customer, columns))
    out.append(rule(columns))
    for item in receipt.items:
        out += laid(_item_lines(item, money, receipt.money_locale, columns))
    out.append(rule(columns))
    if receipt.discount or (receipt.tax and not receipt.tax_inclusive):
        out += laid(pair(_("Subtotal"), money(receipt.subtotal), columns))
    if receipt.discount:
        out += laid(pair(_("Discount"), money(-receipt.discount), columns))
    if receipt.tax:
        label = _("Tax included") if receipt.tax_inclusive else _("Tax")
        out += laid(pair(label, money(receipt.tax), columns))
    out += laid(pair(_("TOTAL"), money(receipt.total), columns), LineStyle.STRONG)
    if receipt.rounding:
        out += laid(pair(_("Rounding"), money(receipt.rounding), columns))
    for payment in receipt.payments:
        out += laid(pair(_(METHOD_LABELS[payment.method]), money(payment.tendered), columns))
    if receipt.paid_in_cash or receipt.change:
        out += laid(pair(_("Change"), money(receipt.change), columns))
    if receipt.kasbon_due is not None:
        due = receipt.kasbon_due.strftime(DAY_FORMAT)
        out += laid(pair(_("Kasbon due"), due, columns))
    if receipt.member_saving:
        saved = _("{group} prices, you save").format(group=receipt.member_group)
        out += laid(pair(saved, money(receipt.member_saving), columns))
    if receipt.footer.strip():
        out.append(LaidLine(""))
        for paragraph in receipt.footer.splitlines():
            out += laid(centred(paragraph, columns))
    if receipt.qr_data:
        out += [LaidLine(""), LaidLine(receipt.qr_data, LineStyle.QR)]
        if receipt.qr_caption:
            out += laid(centred(receipt.qr_caption, columns))
        elif len(receipt.qr_data) <= QR_CAPTION_MAX:
            caption = receipt.qr_data.removeprefix("https://").removeprefix("http://")
            out += laid(centred(caption, columns))
    return tuple(out)


def _item_lines(
    item: ReceiptItem, money: Callable[[MinorUnits], str], locale: str, columns: int
) -> list[str]:
    """A sold line: name and amount, with ``qty x price`` beneath unless it is one piece.

    Goods sold by weight or length always show it: ``0,25 kg x Rp180.000/kg``.
    """
    amount = money(item.amount)
    if item.unit.counted and item.quantity_milli == PER_UNIT and item.priced is None:
        return pair(item.name, amount, columns)
    price = money(item.unit_price)
    each = "  " + quantity_times_price(item.quantity_milli, item.unit, price, locale)
    if len(to_ascii(each)) + 1 + len(to_ascii(amount)) <= columns:
        return [*wrap(item.name, columns), *pair(each, amount, columns)]
    # On narrow paper the weight and price take a line, the amount the next one.
    return [*wrap(item.name, columns), *wrap(each, columns), to_ascii(amount).rjust(columns)]


def as_text(lines: tuple[LaidLine, ...]) -> str:
    """The laid-out text lines as one text, one line each (pictures are left out)."""
    return "".join(line.text + "\n" for line in lines if not line.style.is_picture)
