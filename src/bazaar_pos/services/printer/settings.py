"""The receipt printer's settings: where it is, its paper, and what the receipt carries."""

from __future__ import annotations

from dataclasses import dataclass

from bazaar_pos.domain.receipt_layout import COLUMN_CHOICES, LINE_DOTS, PAPER_COLUMNS
from bazaar_pos.i18n import N_

DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T20II"}
"""python-escpos profiles that fit the cheap 58 mm clones and Epson-like 80 mm printers."""

PAPER_OF_COLUMNS = {
    columns: paper for paper, choices in COLUMN_CHOICES.items() for columns in choices
}
"""The paper each line width is printed on (42 and 48 characters: 80 mm)."""

PAPER_CHOICES = (
    (32, N_("58 mm (32 characters a line)")),
    (48, N_("80 mm (48 characters a line)")),
    (42, N_("80 mm, 42-column mode (42 characters a line)")),
)
"""Each line width a printer can be set to, with its name in the Paper list (translate it)."""


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    """How to reach the receipt printer and what goes on the receipt besides the sale.

    ``columns`` is the characters a line the printer prints; 0 (and settings
    stored before it existed) means the usual for the paper: 32 on 58 mm, 48 on
    80 mm. An 80 mm printer in 42-column mode is set to 42.
    ``footer`` None prints the standard thank-you line; an empty footer prints none.
    ``profile`` empty picks the usual profile for the paper width.
    ``qris_on_receipt`` puts the shop's QRIS with the amount paid by QRIS in the
    receipt's QR slot (instead of ``qr_data``) for sales paid, even partly, by QRIS.
    ``no_printer`` is the shop's choice to sell without a receipt printer: sales
    queue no receipts (a receipt can still be reprinted or saved as a PDF later).
    """

    uri: str = ""
    paper_mm: int = 58
    columns: int = 0
    profile: str = ""
    drawer_on_cash: bool = False
    footer: str | None = None
    social: str = ""
    qr_data: str = ""
    logo_path: str = ""
    qris_on_receipt: bool = False
    no_printer: bool = False

    def __post_init__(self) -> None:
        """Give ``columns`` 0 the usual line width of the paper."""
        if not self.columns and self.paper_mm in PAPER_COLUMNS:
            object.__setattr__(self, "columns", PAPER_COLUMNS[self.paper_mm])

    @property
    def set_up(self) -> bool:
        """Whether a receipt printer's address is set."""
        return bool(self.uri)

    @property
    def queues_receipts(self) -> bool:
        """Whether sales queue their receipts (not when the shop sells without a printer)."""
        return self.set_up or not self.no_printer

    @property
    def width_dots(self) -> int:
        """Printable width in dots for this line width."""
        return LINE_DOTS[self.columns]

    @property
    def profile_name(self) -> str:
        """The python-escpos profile to use."""
        return self.profile or DEFAULT_PROFILES[self.paper_mm]
