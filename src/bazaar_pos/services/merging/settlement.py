"""A QRIS settlement report against the till: plan what it confirms, then confirm it.

The report (CSV or XLSX) is read through a column mapping: one of the example
presets recognised by its headers, a preset saved by name, or a mapping given.
Payments still awaiting confirmation that the report shows for certain are
confirmed through :class:`PaymentConfirmationService`, recorded as confirmed by
the report; ambiguous ones wait for a person's pick; QRIS payments confirmed at
the till that the report does not contain are listed to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta, tzinfo
from pathlib import Path

from bazaar_pos.domain.payment import PaymentMethod, PaymentStatus
from bazaar_pos.domain.settlement import (
    DEFAULT_WINDOW,
    ReportEntry,
    TillPayment,
    match_settlement,
)
from bazaar_pos.domain.settlement_report import (
    FIELDS,
    PRESETS,
    ColumnMap,
    likely_header,
    missing_fields,
    read_report,
    recognise,
)
from bazaar_pos.domain.text import header_key
from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import csv_records
from bazaar_pos.exports.report_rows import read_rows
from bazaar_pos.i18n import _
from bazaar_pos.services.column_presets import ColumnPresets
from bazaar_pos.services.selling.payment_confirmation import (
    AwaitingPayment,
    PaymentConfirmationService,
)
from bazaar_pos.services.views import Changes

KIND = "settlement"
"""The kind of import the presets of settlement reports are saved under."""
METHOD = PaymentMethod.QRIS


@dataclass
class SettlementPlan:
    """What a report would confirm, what a person must pick, and what to check."""

    path: Path
    preset: str
    """The preset read with, or "" for a mapping given as it is."""
    mapping: ColumnMap
    window: timedelta
    rows: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    confirm: list[tuple[ReportEntry, AwaitingPayment]] = field(default_factory=list)
    """Certain matches of payments still awaiting confirmation."""
    verified: list[tuple[ReportEntry, AwaitingPayment]] = field(default_factory=list)
    """Certain matches of payments already confirmed at the till: all is well."""
    ambiguous: list[tuple[ReportEntry, tuple[AwaitingPayment, ...]]] = field(default_factory=list)
    """Report rows that more than one payment could be: a person picks."""
    check: list[AwaitingPayment] = field(default_factory=list)
    """QRIS payments confirmed at the till that the report does not contain."""
    unknown: list[ReportEntry] = field(default_factory=list)
    """Money in the report that no QRIS payment at the till accounts for."""

    @property
    def ready(self) -> bool:
        """Whether the file read without a problem."""
        return not self.problems


@dataclass(frozen=True, slots=True)
class SettlementSummary:
    """What a settlement import did (or, for a dry run, would do)."""

    confirmed: tuple[tuple[int, AwaitingPayment], ...]
    """(report line, payment) for each payment confirmed."""
    already: tuple[str, ...]
    """Payments confirmed meanwhile by someone else, so left alone (sale numbers)."""
    written: bool
    changes: Changes = field(default_factory=Changes)


class SettlementService:
    """Reads settlement reports and confirms the QRIS payments they show."""

    def __init__(
        self,
        confirmations: PaymentConfirmationService,
        presets: ColumnPresets,
        zone: tzinfo,
    ) -> None:
        """Confirm through ``confirmations``; the reports' times are on ``zone``'s clock."""
        self._confirmations = confirmations
        self._presets = presets
        self._zone = zone

    def presets(self) -> dict[str, ColumnMap]:
        """The example presets and those saved, by name (a saved one overrides its namesake)."""
        saved = {
            name: {field: header for header, field in self._presets.get(KIND, name).items()}
            for name in self._presets.names(KIND)
        }
        return {**PRESETS, **saved}

    def save_preset(self, name: str, mapping: Mapping[str, str], *, by: str = "") -> None:
        """Keep ``mapping`` as a settlement preset called ``name``."""
        inverted = {header: field for field, header in mapping.items() if header.strip()}
        self._presets.save(KIND, name, inverted, by=by)

    def headers(self, path: Path) -> list[str]:
        """The column headers ``path`` most likely has, to map them by hand."""
        return likely_header(read_rows(path))

    def read_mapping(self, path: Path) -> ColumnMap:
        """A column mapping from a CSV file of ``field,header`` rows (a header row first).

        Raises UserError naming the line of an unknown field or a missing header.
        """
        mapping: ColumnMap = {}
        for number, cells in csv_records(path):
            name = header_key(cells[0]) if cells else ""
            header = cells[1].strip() if len(cells) > 1 else ""
            if number == 1 and name == "field":
                continue
            if name not in FIELDS:
                raise UserError(
                    _("{path}, line {line}: {field!r} is no field (known: {fields}).").format(
                        path=path, line=number, field=name, fields=", ".join(FIELDS)
                    )
                )
            if not header:
                raise UserError(
                    _("{path}, line {line}: the header of {field} is empty.").format(
                        path=path, line=number, field=name
                    )
                )
            mapping[name] = header
        if missing_fields(mapping):
            raise UserError(
                _("{path}: a column mapping needs {fields}.").format(
                    path=path, fields=_("time, and amount or credit")
                )
            )
        return mapping

    def plan(
        self,
        path: Path,
        *,
        mapping: Mapping[str, str] | str | None = None,
        window: timedelta = DEFAULT_WINDOW,
    ) -> SettlementPlan:
        """Read ``path`` and match it; nothing is written.

        ``mapping`` is a preset's name or a mapping; without one, the file is
        recognised by its headers among the presets. Raises UserError for a file
        that cannot be read or that no preset fits.
        """
        if window <= timedelta(0):
            raise UserError(_("The time window must be at least one minute."))
        rows = read_rows(path)
        known = self.presets()
        if mapping is None:
            name = recognise(rows, known)
            if name is None:
                raise UserError(
                    _(
                        "{path}: the columns are none of the known report shapes ({names}); "
                        "give a column mapping."
                    ).format(path=path, names=", ".join(known))
                )
            mapping = name
        if isinstance(mapping, str):
            if mapping not in known:
                raise UserError(
                    _("There is no column mapping called {name!r} (known: {names}).").format(
                        name=mapping, names=", ".join(known)
                    )
                )
            preset, columns = mapping, dict(known[mapping])
        else:
            preset, columns = "", dict(mapping)
        plan = SettlementPlan(Path(path), preset, columns, window)
        reading = read_report(rows, columns, self._zone)
        plan.rows, plan.skipped, plan.problems = reading.rows, reading.skipped, reading.problems
        if plan.problems or not reading.entries:
            return plan
        start = min(e.at for e in reading.entries) - window
        end = max(e.at for e in reading.entries) + window
        payments = {
            str(p.id): p
            for p in self._confirmations.taken_between(
                METHOD.value, start.astimezone(UTC), end.astimezone(UTC)
            )
        }
        entries = list(reading.entries)
        for entry, payment in _settled_before(entries, payments):
            plan.verified.append((entry, payment))
            entries.remove(entry)
            del payments[str(payment.id)]
        found = match_settlement(
            (
                TillPayment(
                    ref,
                    p.amount,
                    p.sold_at,
                    p.status == PaymentStatus.CONFIRMED.value,
                )
                for ref, p in payments.items()
            ),
            entries,
            window=window,
            period=(start, end),
        )
        for paid, entry in found.matched:
            payment = payments[paid.ref]
            (plan.verified if paid.confirmed else plan.confirm).append((entry, payment))
        plan.ambiguous = [
            (entry, tuple(payments[p.ref] for p in options)) for entry, options in found.ambiguous
        ]
        plan.check = [payments[p.ref] for p in found.check]
        plan.unknown = found.unknown
        plan.verified.sort(key=lambda pair: pair[0].line)
        return plan

    def apply(
        self,
        plan: SettlementPlan,
        by: str,
        *,
        picks: Mapping[int, int] | None = None,
        dry_run: bool = False,
    ) -> SettlementSummary:
        """Confirm the plan's certain matches and the ``picks`` (report line -> payment id).

        Each payment is confirmed through the confirmation service, recorded as
        confirmed by the report with ``by`` as the actor. A pick must be one of
        its row's candidates, and no payment picked twice; UserError otherwise,
        before anything is written. A payment confirmed meanwhile is left alone.
        """
        if not plan.ready:
            raise UserError(_("The report has problems; nothing was confirmed."))
        chosen = self._picked(plan, picks or {})
        todo = [
            (entry.line, entry.reference, payment)
            for entry, payment in [*plan.confirm, *chosen]
            if payment.status != PaymentStatus.CONFIRMED.value
        ]
        todo.sort(key=lambda item: item[0])
        if dry_run:
            return SettlementSummary(tuple((line, p) for line, _ref, p in todo), (), False)
        source = _("settlement report {file}").format(file=plan.path.name)
        confirmed: list[tuple[int, AwaitingPayment]] = []
        already: list[str] = []
        for line, reference, payment in todo:
            try:
                self._confirmations.confirm(payment.id, by, reference=reference, source=source)
            except UserError:
                already.append(payment.sale_number)
                continue
            confirmed.append((line, payment))
        return SettlementSummary(
            tuple(confirmed), tuple(already), True, Changes(sales=bool(confirmed))
        )

    def _picked(
        self, plan: SettlementPlan, picks: Mapping[int, int]
    ) -> list[tuple[ReportEntry, AwaitingPayment]]:
        rows = {entry.line: (entry, options) for entry, options in plan.ambiguous}
        chosen: list[tuple[ReportEntry, AwaitingPayment]] = []
        used: set[int] = set()
        for line, payment_id in sorted(picks.items()):
            if line not in rows:
                raise UserError(
                    _("Line {line} of the report has no payment to pick.").format(line=line)
                )
            entry, options = rows[line]
            payment = next((p for p in options if p.id == payment_id), None)
            if payment is None:
                raise UserError(
                    _(
                        "Line {line} of the report cannot be that payment; it may be: {sales}"
                    ).format(line=line, sales=", ".join(p.sale_number for p in options))
                )
            if payment_id in used:
                raise UserError(
                    _("The payment of {number} is picked for two lines.").format(
                        number=payment.sale_number
                    )
                )
            used.add(payment_id)
            chosen.append((entry, payment))
        return chosen


def _settled_before(
    entries: list[ReportEntry], payments: Mapping[str, AwaitingPayment]
) -> list[tuple[ReportEntry, AwaitingPayment]]:
    """Report rows that already confirmed a payment: same reference, same amount.

    A report read again must not offer a row it confirmed a payment with to
    another payment of the same amount.
    """
    by_reference: dict[tuple[str, int], AwaitingPayment] = {}
    for payment in payments.values():
        if payment.status == PaymentStatus.CONFIRMED.value and payment.reference:
            by_reference.setdefault((payment.reference, payment.amount), payment)
    pairs = []
    for entry in entries:
        key = (entry.reference, entry.amount)
        if entry.reference and key in by_reference:
            pairs.append((entry, by_reference.pop(key)))
    return pairs
