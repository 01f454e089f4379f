"""Reading dates typed on the command line."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from bazaar_pos.i18n import _

FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def local_date(text: str) -> date:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``, for argparse's ``type=``."""
    for pattern in FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        _("{text!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)").format(text=text)
    )
