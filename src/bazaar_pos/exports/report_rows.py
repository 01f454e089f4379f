"""The rows of a CSV file or a workbook's first sheet as text, each with its line number."""

from __future__ import annotations

from pathlib import Path

from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import csv_records
from bazaar_pos.exports.xlsx_io import cell_text, open_workbook
from bazaar_pos.i18n import _

Rows = list[tuple[int, list[str]]]
"""Non-blank rows: the line (or sheet row) a person sees, and each cell as text."""


def read_rows(path: Path) -> Rows:
    """Every non-blank row of ``path`` (CSV, with or without a BOM, or XLSX).

    Raises UserError for a file that is missing, unreadable or of another kind.
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return list(csv_records(path))
    if suffix in (".xlsx", ".xlsm"):
        # A full read (not streamed) also puts back together files that write every
        # cell in a row of its own; settlement reports are small.
        workbook = open_workbook(path, read_only=False)
        try:
            sheet = workbook.worksheets[0]
            return [
                (number, [cell_text(c) for c in cells])
                for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
                if any(c is not None and cell_text(c) for c in cells)
            ]
        finally:
            workbook.close()
    raise UserError(_("{path} is not a CSV or XLSX file.").format(path=path))
