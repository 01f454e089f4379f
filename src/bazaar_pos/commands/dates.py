"""Reading dates typed on the command line."""

from __future__ import annotations

import argparse
from datetime import date

from bazaar_pos.domain.dates import parse_date


def local_date(text: str) -> date:
    """A date as :func:`bazaar_pos.domain.dates.parse_date` reads it, for argparse's ``type=``."""
    try:
        return parse_date(text)
    except ValueError as refused:
        raise argparse.ArgumentTypeError(str(refused)) from None
