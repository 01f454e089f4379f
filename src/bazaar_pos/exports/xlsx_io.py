"""Reading and writing XLSX workbooks (openpyxl) with the same shape as the CSV files.

Workbooks are written row by row in openpyxl's write-only mode, whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable, header_spelling
from bazaar_pos.files import atomic_path
from bazaar_pos.i18n import _

if TYPE_CHECKING:  # openpyxl loads when a workbook is read, not at start
    from openpyxl import Workbook


def cell_text(value: object) -> str:
    """A cell's value as the text a person would have typed.

    Whole numbers lose the ``.0`` a spreadsheet adds (``185000.0`` -> ``185000``);
    other numbers keep their shortest exact spelling; dates are ISO.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def open_workbook(path: Path, *, read_only: bool = True) -> Workbook:
    """A workbook's cell values (not formulas); UserError when it is missing or no workbook.

    ``read_only`` streams the rows; a full read also puts together files that write
    every cell in a row element of its own.
    """
    from openpyxl import load_workbook  # loads when a workbook is read, not at start
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except FileNotFoundError:
        raise UserError(_("File not found: {path}").format(path=path)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise UserError(_("{path} is not an Excel workbook (.xlsx).").format(path=path)) from None


def read_xlsx(path: Path, aliases: dict[str, str] | None = None) -> CsvTable:
    """Read the first sheet of a workbook: a header row, then one row per record.

    Blank rows are skipped; line numbers are the sheet's row numbers, so
    messages point at the row a person sees. Raises UserError when the file
    cannot be read as a workbook.
    """
    workbook = open_workbook(path)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        raw_header = next(rows, None)
        if not raw_header or not any(cell_text(c) for c in raw_header):
            raise UserError(_("{path} is empty.").format(path=path))
        aliases = aliases or {}
        header = tuple(aliases.get(cell_text(h).lower(), cell_text(h).lower()) for h in raw_header)
        records = []
        for line, cells in enumerate(rows, start=2):
            texts = [cell_text(c) for c in cells]
            if any(texts):
                records.append(CsvRow(line, dict(zip(header, texts, strict=False))))
    finally:
        workbook.close()
    return CsvTable(header, tuple(records), header_spelling(header, map(cell_text, raw_header)))


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    title: str = "",
    widths: Sequence[int] = (),
) -> int:
    """Write one sheet with a bold header row, atomically; return how many rows were written.

    Numbers (int or Decimal) stay numbers and dates stay dates; anything else
    is written as text. Floats are refused (money never is one).
    """
    from openpyxl import Workbook  # loads when a workbook is written, not at start
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((title or "Sheet1")[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    count = 0
    with atomic_path(path) as temporary:
        try:
            for row in rows:
                sheet.append([_cell_value(value) for value in row])
                count += 1
        finally:  # rows stopped half way (a cancel) still end the sheet; the file is thrown away
            workbook.save(temporary)
    return count


def _cell_value(value: object) -> object:
    if isinstance(value, float):
        raise TypeError("floats are not written to workbooks")
    if value is None or isinstance(value, int | Decimal | dt.date | dt.datetime):
        return value
    return str(value)
