"""Kasbon on paper and in files: a customer's statement PDF, the receivables as CSV, XLSX, PDF.

Both carry customers' phone numbers, so writing them is the owner's to allow
(``Permission.EXPORT``); the command line acts as the owner.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receivables import AgeBucket, EntryKind
from bazaar_pos.domain.report import ShopHeader
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.exports.csv_io import write_csv
from bazaar_pos.exports.xlsx_io import write_xlsx
from bazaar_pos.i18n import _, current_language
from bazaar_pos.services.customers.accounts import AccountService
from bazaar_pos.services.customers.views import EntryView, Receivable
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.settings import SettingsService, ShopSettings

if TYPE_CHECKING:  # ReportLab loads only when a PDF is written
    from bazaar_pos.exports.receivables_pdf import Receivables

RECEIVABLE_COLUMNS = (
    "name",
    "phone",
    "group",
    "owed",
    "days_0_30",
    "days_31_60",
    "days_61_90",
    "days_over_90",
    "overdue",
    "next_due",
)
"""The columns of the receivables file; amounts are plain numbers (``305000``)."""
RECEIVABLE_WIDTHS = (28, 16, 14, 12, 12, 12, 12, 12, 12, 12)


class ReceivablesFormat(enum.StrEnum):
    """The kinds of receivables file."""

    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


def format_of(path: Path) -> ReceivablesFormat:
    """The file kind its name ends with, or a UserError naming the ones there are."""
    try:
        return ReceivablesFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        raise UserError(
            _("Write the receivables to a .csv, .xlsx or .pdf file ({name} is none).").format(
                name=path.name
            )
        ) from None


def shop_header(settings: ShopSettings) -> ShopHeader:
    """Who the papers are from, and how their money is written."""
    return ShopHeader(
        name=settings.shop_name,
        address=settings.address,
        phone=settings.phone,
        currency_code=settings.currency_code,
        money_locale=settings.money_locale,
    )


class AccountFiles:
    """Writes kasbon statements and receivables; each file appears whole or not at all."""

    def __init__(
        self,
        accounts: AccountService,
        settings: SettingsService,
        access: AccessControl,
        zone: tzinfo,
    ) -> None:
        """Write what ``accounts`` knows, on the shop's local days in ``zone``."""
        self._accounts = accounts
        self._settings = settings
        self._access = access
        self._zone = zone

    def write_statement(
        self,
        customer_id: int,
        path: Path,
        first: date | None = None,
        last: date | None = None,
        *,
        approval: Approval | None = None,
    ) -> int:
        """The customer's statement from ``first`` to ``last`` (local days) as a PDF; pages."""
        from bazaar_pos.exports.account_statement_pdf import (  # ReportLab, when needed
            AccountStatement,
            StatementLine,
            write_account_statement,
        )

        now = datetime.now(self._zone)
        last = last or now.date()
        if first is not None and last < first:
            raise ValidationError(_("The last day is before the first."))
        start = Period(first, first).utc_range(self._zone)[0] if first else None
        end = Period(last, last).utc_range(self._zone)[1]
        with self._access.permit(Permission.EXPORT, approval=approval):
            statement = self._accounts.statement(customer_id, start, end)
            settings = self._settings.load()
            paper = AccountStatement(
                shop=shop_header(settings),
                customer=statement.customer.name,
                phone=display_phone(statement.customer.phone),
                first=first,
                last=last,
                opening=statement.opening,
                lines=[
                    StatementLine(
                        at=entry.created_at.astimezone(self._zone),
                        kind=entry.kind,
                        amount=entry.amount,
                        balance=entry.balance_after,
                        sale_number=entry.sale_number,
                        due_on=entry.due_on,
                        detail=_detail(entry),
                    )
                    for entry in statement.entries
                ],
                closing=statement.closing,
                generated_at=now,
                zone=str(self._zone),
            )
            return write_account_statement(path, paper, current_language())

    def write_receivables(
        self,
        path: Path,
        file_format: ReceivablesFormat | None = None,
        today: date | None = None,
        *,
        approval: Approval | None = None,
    ) -> int:
        """Every customer with a balance, by age; rows written (pages for a PDF)."""
        file_format = file_format or format_of(path)
        today = today or datetime.now(self._zone).date()
        with self._access.permit(Permission.EXPORT, approval=approval):
            found = self._accounts.receivables(today)
            settings = self._settings.load()
            if file_format is ReceivablesFormat.PDF:
                return self._receivables_pdf(path, found, settings, today)
            rows = [_row(r, settings) for r in found]
            if file_format is ReceivablesFormat.CSV:
                return write_csv(path, RECEIVABLE_COLUMNS, rows)
            return write_xlsx(
                path, RECEIVABLE_COLUMNS, rows, title="receivables", widths=RECEIVABLE_WIDTHS
            )

    def _receivables_pdf(
        self, path: Path, found: list[Receivable], settings: ShopSettings, today: date
    ) -> int:
        from bazaar_pos.exports.receivables_pdf import write_receivables_pdf

        paper = receivables_paper(found, settings, today, self._zone, phones=True)
        return write_receivables_pdf(path, paper, current_language())


def receivables_paper(
    found: list[Receivable], settings: ShopSettings, today: date, zone: tzinfo, *, phones: bool
) -> Receivables:
    """The receivables as the PDF writer reads them; ``phones`` only when the owner allowed."""
    from bazaar_pos.exports.receivables_pdf import ReceivableLine, Receivables

    return Receivables(
        shop=shop_header(settings),
        today=today,
        lines=[
            ReceivableLine(
                name=r.customer.name,
                phone=display_phone(r.customer.phone) if phones else "",
                owed=r.customer.owed,
                buckets=dict(r.buckets),
                overdue=r.overdue,
                next_due=r.next_due,
            )
            for r in found
        ],
        generated_at=datetime.now(zone),
        zone=str(zone),
    )


def _row(receivable: Receivable, settings: ShopSettings) -> list[object]:
    """Amounts as numbers (a workbook keeps them so; CSV writes ``305000``), a date as a date."""
    money = settings.currency.to_decimal
    customer = receivable.customer
    return [
        customer.name,
        display_phone(customer.phone),
        customer.group_name,
        money(customer.owed),
        *(money(receivable.buckets.get(b, 0)) for b in AgeBucket),
        money(receivable.overdue),
        receivable.next_due,
    ]


def _detail(entry: EntryView) -> str:
    """How a repayment was paid (and its reference), and any note, such as a write-off's reason."""
    parts = []
    if entry.kind is EntryKind.REPAYMENT and entry.method:
        parts.append(method_label(entry.method))
    if entry.reference:
        parts.append(entry.reference)
    if entry.note:
        parts.append(entry.note)
    return ", ".join(parts)
