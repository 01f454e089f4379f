"""QRIS, e-wallet and bank reports written by the tests in the shapes the example presets read."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import SaleResult
from tests.helpers.sales import cart_for

JAKARTA = ZoneInfo("Asia/Jakarta")

BANK_HEADER = ["Tanggal Transaksi", "Keterangan", "Cabang", "Debit", "Kredit", "Saldo"]
BANK_PREAMBLE = [
    ["Mutasi Rekening"],
    ["No. Rekening", "1234567890"],
    ["Periode", "05/12/2026 - 05/12/2026"],
]
QRIS_HEADER = ["No", "Waktu Transaksi", "Nominal", "MDR", "RRN", "Status"]


def report_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    preamble: Iterable[Sequence[object]] = (),
    delimiter: str = ",",
) -> Path:
    """Write a report as a spreadsheet saves CSV: UTF-8 with a byte-order mark."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(preamble)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def report_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    preamble: Iterable[Sequence[object]] = (),
) -> Path:
    """Write a report as a workbook; numbers, date serials and dates stay as they are given."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Transaksi"
    for row in preamble:
        sheet.append(list(row))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def qris_day(shop: Shop) -> dict[str, SaleResult]:
    """A day of sales on 5 December 2026 (Jakarta): QRIS awaiting, QRIS confirmed, and cash.

    ``paid`` 45,000 at 10:00 and ``twin_a``/``twin_b`` 50,000 at 11:00 and 11:05 await
    confirmation; ``seen`` 120,000 at 12:00 and ``fake`` 350,000 at 13:00 were confirmed
    at the till (the second from a screenshot); ``cash`` 20,000 at 10:30.
    """
    sales = {
        "paid": (45_000, 10, 0, PaymentMethod.QRIS, False),
        "cash": (20_000, 10, 30, PaymentMethod.CASH, True),
        "twin_a": (50_000, 11, 0, PaymentMethod.QRIS, False),
        "twin_b": (50_000, 11, 5, PaymentMethod.QRIS, False),
        "seen": (120_000, 12, 0, PaymentMethod.QRIS, True),
        "fake": (350_000, 13, 0, PaymentMethod.QRIS, True),
    }
    done = {}
    for name, (amount, hour, minute, method, received) in sales.items():
        made = shop.catalogue.create(ProductDraft(f"S-{name}", f"Kain {name}", amount))
        cart = cart_for(shop, [(shop.catalogue.get(made.id), 1)])
        done[name] = shop.checkout.complete_sale(
            cart,
            [Tender(method, amount, received=received)],
            cashier="Sari",
            sold_at=datetime(2026, 12, 5, hour, minute, tzinfo=JAKARTA),
        )
    return done
