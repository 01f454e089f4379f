"""The receipt printer's settings: where it is, its paper, and what the receipt carries."""

from __future__ import annotations

from dataclasses import dataclass

from bazaar_pos.domain.receipt_layout import PAPER_COLUMNS, PAPER_DOTS

DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T20II"}
"""python-escpos profiles that fit the cheap 58 mm clones and Epson-like 80 mm printers."""


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    """How to reach the receipt printer and what goes on the receipt besides the sale.

    ``footer`` None prints the standard thank-you line; an empty footer prints none.
    ``profile`` empty picks the usual profile for the paper width.
    ``qris_on_receipt`` puts the shop's QRIS with the amount paid by QRIS in the
    receipt's QR slot (instead of ``qr_data``) for sales paid, even partly, by QRIS.
    """

    uri: str = ""
    paper_mm: int = 58
    profile: str = ""
    drawer_on_cash: bool = False
    footer: str | None = None
    social: str = ""
    qr_data: str = ""
    logo_path: str = ""
    qris_on_receipt: bool = False

    @property
    def columns(self) -> int:
        """Characters per line on this paper."""
        return PAPER_COLUMNS[self.paper_mm]

    @property
    def width_dots(self) -> int:
        """Printable width in dots on this paper."""
        return PAPER_DOTS[self.paper_mm]

    @property
    def profile_name(self) -> str:
        """The python-escpos profile to use."""
        return self.profile or DEFAULT_PROFILES[self.paper_mm]
