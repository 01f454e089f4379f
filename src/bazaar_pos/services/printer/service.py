"""The receipt printer: its settings, and printing, test pages and the cash drawer.

The printing modules (python-escpos, QR codes, images) load when a printer is
first used, not when the app starts.
"""

from __future__ import annotations

from dataclasses import replace

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.receipt import Receipt
from bazaar_pos.domain.receipt_layout import (
    COLUMN_CHOICES,
    LINE_DOTS,
    PAPER_COLUMNS,
    LaidLine,
    LineStyle,
    centred,
    layout_receipt,
    pair,
    rule,
    wrap,
)
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import N_, _
from bazaar_pos.printing.detect import DetectedPrinter, detect_printers
from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.printing.uri import PrinterAddress, parse_printer_uri
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.printer.settings import PrinterSettings
from bazaar_pos.services.records import load_record, save_record
from bazaar_pos.store.database import Database

__all__ = ["DetectedPrinter", "PrinterService"]

_PREFIX = "printer."

NO_PRINTER = N_("No receipt printer is set up. Choose one under Settings > Receipt printer.")
"""Why a receipt did not print when no printer's address is set (translate it)."""

_WRONG_COLUMNS = {
    58: N_("58 mm paper holds 32 characters a line, not {columns}."),
    80: N_("80 mm paper holds 48 characters a line, or 42 in 42-column mode, not {columns}."),
}


class PrinterService:
    """Reads and checks the printer settings, and talks to the printer (slow: not on the GUI)."""

    def __init__(self, db: Database, access: AccessControl | None = None) -> None:
        """Keep the printer settings in ``db``; ``access`` says who may change them."""
        self._db = db
        self._access = access or AccessControl(db)

    def settings(self) -> PrinterSettings:
        """The printer settings as stored."""
        return load_record(self._db, _PREFIX, PrinterSettings)

    def configure(self, *, approval: Approval | None = None, **changes: object) -> PrinterSettings:
        """Change some printer settings after checking them; raise ValidationError if wrong.

        Settings are an owner's job; a cashier needs an owner's ``approval`` (saving
        them unchanged needs none). A new ``paper_mm`` without ``columns`` takes the
        usual characters a line of the new paper.
        """
        current = self.settings()
        if changes.get("paper_mm", current.paper_mm) != current.paper_mm:
            changes.setdefault("columns", 0)
        updated = replace(current, **changes)  # type: ignore[arg-type]
        problems = _problems(updated)
        if problems:
            raise ValidationError(_("The printer settings are not right."), problems)
        if updated.uri:
            updated = replace(updated, uri=parse_printer_uri(updated.uri).uri)
        needed = (Permission.CHANGE_SETTINGS,) if updated != current else ()
        with self._access.permit(*needed, approval=approval):
            save_record(self._db, _PREFIX, updated)
        return updated

    def profiles(self) -> list[str]:
        """The printer profile names that can be chosen."""
        from bazaar_pos.printing.connection import known_profiles

        return known_profiles()

    def detect(self, notes: list[str] | None = None) -> list[DetectedPrinter]:
        """Printers found on USB, printer ports, serial ports and the Windows spooler.

        What could not be searched (USB without libusb, say) is added to ``notes``.
        """
        return detect_printers(notes)

    def print_receipt(self, receipt: Receipt, *, open_drawer: bool = False) -> None:
        """Print ``receipt``; raise PrinterError naming the problem when it cannot."""
        settings = self.settings()
        lines = layout_receipt(receipt, settings.columns)
        self._print(settings, lines, open_drawer=open_drawer)

    def print_test_page(self) -> None:
        """Print a page showing the settings and a ruler exactly as wide as a line.

        On 80 mm paper a note says what to choose when the ruler does not fit.
        """
        settings = self.settings()
        self._print(settings, layout_test_page(settings))

    def open_drawer(self, *, reason: str = "", approval: Approval | None = None) -> None:
        """Kick the cash drawer wired to the printer without a sale ("no sale").

        An owner's job, written to the audit log once the drawer opened; a
        cashier needs an owner's ``approval``. Slow: not on the GUI thread.
        """
        from bazaar_pos.printing.connection import connected
        from bazaar_pos.printing.escpos_render import kick_drawer

        with self._access.permit(Permission.OPEN_DRAWER, approval=approval) as grant:
            settings = self.settings()
            address = _address(settings)
            with connected(address, settings.profile_name) as printer:
                kick_drawer(printer)
            with self._db.writing() as session:
                record_event(
                    session,
                    "drawer.opened",
                    actor=grant.actor.name,
                    entity="drawer",
                    details={"reason": reason.strip()} | grant.details(),
                )

    def print_lines(self, lines: tuple[LaidLine, ...]) -> None:
        """Print lines already laid out for the paper (a report); slow: not on the GUI thread."""
        self._print(self.settings(), lines)

    def print_text(self, lines: list[str]) -> None:
        """Print plain text lines already laid out for the paper (a Z report), then cut."""
        self.print_lines(tuple(LaidLine(text) for text in lines))

    def _print(
        self,
        settings: PrinterSettings,
        lines: tuple[LaidLine, ...],
        *,
        open_drawer: bool = False,
    ) -> None:
        from bazaar_pos.printing.connection import check_ready, connected
        from bazaar_pos.printing.escpos_render import render_lines

        address = _address(settings)
        with connected(address, settings.profile_name) as printer:
            check_ready(printer, address)
            render_lines(printer, lines, width_dots=_width(settings), open_drawer=open_drawer)


def layout_test_page(settings: PrinterSettings) -> tuple[LaidLine, ...]:
    """The test page for ``settings``: the settings, a ruler one line wide, a bold line.

    Its notes are as narrow as the narrowest paper, so they read right on a printer
    that holds fewer characters than it is set to.
    """
    columns = settings.columns
    narrowest = min(columns, *PAPER_COLUMNS.values())

    def plain(*texts: str) -> list[LaidLine]:
        return [LaidLine(line) for text in texts for line in wrap(text, narrowest)]

    def row(label: str, value: str) -> list[LaidLine]:
        return [LaidLine(text) for text in pair(label, value, columns)]

    hint: list[LaidLine] = []
    if settings.paper_mm == 80 and columns == 48:
        hint = plain(
            _(
                "If the ruler wraps onto a second line, choose 80 mm, 42-column mode "
                "(42 characters a line) in Settings > Receipt printer."
            )
        )
    elif settings.paper_mm == 80:
        hint = plain(
            _(
                "If the ruler stops well short of the right edge, try 80 mm "
                "(48 characters a line) in Settings > Receipt printer."
            )
        )
    lines = [
        *[LaidLine(text, LineStyle.TITLE) for text in centred(_("Printer test"), columns)],
        rule(columns),
        *row(_("Address"), settings.uri),
        *row(_("Paper"), f"{settings.paper_mm} mm"),
        *row(_("Characters a line"), str(columns)),
        *row(_("Profile"), settings.profile_name),
        rule(columns),
        *plain(_("The ruler must fit on one line:")),
        LaidLine(("1234567890" * 10)[:columns]),
        *hint,
        *plain(_("Bold total line:")),
        *[LaidLine(t, LineStyle.STRONG) for t in pair(_("TOTAL"), "Rp15.000", columns)],
    ]
    return tuple(lines)


def _address(settings: PrinterSettings) -> PrinterAddress:
    if not settings.uri:
        raise PrinterError(_(NO_PRINTER))
    return parse_printer_uri(settings.uri)


def _width(settings: PrinterSettings) -> int:
    """The paper's width in dots, narrowed to what the printer's profile can take."""
    from bazaar_pos.printing.connection import profile_width_dots

    profile_dots = profile_width_dots(settings.profile_name)
    return min(settings.width_dots, profile_dots or settings.width_dots)


def _problems(settings: PrinterSettings) -> list[str]:
    from bazaar_pos.printing.connection import known_profiles
    from bazaar_pos.printing.images import logo_image

    problems = []
    if settings.paper_mm not in COLUMN_CHOICES:
        problems.append(_("The paper must be 58 or 80 mm wide."))
    elif settings.columns not in COLUMN_CHOICES[settings.paper_mm]:
        problems.append(_(_WRONG_COLUMNS[settings.paper_mm]).format(columns=settings.columns))
    if settings.profile and settings.profile not in known_profiles():
        problems.append(
            _("{profile!r} is not a printer profile. Known profiles: {names}").format(
                profile=settings.profile, names=", ".join(known_profiles())
            )
        )
    if settings.uri:
        try:
            parse_printer_uri(settings.uri)
        except ValidationError as exc:
            problems.append(str(exc))
    if settings.logo_path:
        try:
            logo_image(settings.logo_path, min(LINE_DOTS.values()))
        except PrinterError as exc:
            problems.append(exc.message)
    return problems
