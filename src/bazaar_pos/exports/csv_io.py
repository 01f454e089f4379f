"""Reading CSV files people make in spreadsheets, and writing CSV files whole or not at all."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from bazaar_pos.errors import UserError
from bazaar_pos.files import atomic_writer
from bazaar_pos.i18n import _


class CsvRow(NamedTuple):
    """One data row with the file line it starts on (the header is line 1).

    A named tuple rather than a dataclass: files of 100,000 rows make many.
    """

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The stripped value in ``column``, or "" when the column is absent."""
        return (self.values.get(column) or "").strip()


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file's header (lower-cased, trimmed, aliases resolved) and rows.

    ``spelled`` gives each header column as the file wrote it (``price`` ->
    ``Harga``), so problems name the column the person sees.
    """

    header: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    spelled: dict[str, str] = field(default_factory=dict)


def header_spelling(header: Sequence[str], raw_header: Iterable[str]) -> dict[str, str]:
    """Each column name of ``header`` as the file's own header cell spells it (first one wins)."""
    spelled: dict[str, str] = {}
    for column, raw in zip(header, raw_header, strict=False):
        spelled.setdefault(column, raw.strip() or column)
    return spelled


def read_csv(path: Path, aliases: dict[str, str] | None = None) -> CsvTable:
    """Read a CSV file saved by Excel, LibreOffice or a marketplace.

    Accepts UTF-8 with or without a byte-order mark and ``,``, ``;`` or tab
    as the separator. ``aliases`` renames header cells (``harga`` -> ``price``).
    Raises UserError when the file cannot be read as CSV text.
    """
    records = csv_records(path)
    first = next(records, None)
    if first is None:  # nothing but an unclosed quote
        raise UserError(_("{path} is empty.").format(path=path))
    _first_line, raw_header = first
    aliases = aliases or {}
    header = tuple(aliases.get(h.strip().lower(), h.strip().lower()) for h in raw_header)
    rows = [CsvRow(line, dict(zip(header, cells, strict=False))) for line, cells in records]
    return CsvTable(header, tuple(rows), header_spelling(header, raw_header))


def csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record of a CSV file with the file line it starts on, the header first.

    Reading is checked before the first record is given: a missing, non-UTF-8 or
    empty file raises UserError at once. A broken record raises it when reached.
    """
    text = _read_text(path)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise UserError(_("{path} is empty.").format(path=path))
    delimiter = max(",;\t", key=first_line.count)
    return _records(path, text, delimiter)


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(_("File not found: {path}").format(path=path)) from None
    except UnicodeDecodeError:
        raise UserError(_("{path} is not a UTF-8 text file.").format(path=path)) from None
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None


def _records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    # Records split on line ends only (newline=""), so a quoted cell keeps its line breaks
    # and a U+2028 or control separator inside a name stays part of it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    first_line_of_record = 1
    try:
        for cells in reader:
            if "".join(cells).strip():
                yield first_line_of_record, cells
            first_line_of_record = reader.line_num + 1
    except csv.Error as exc:  # a cell too long to be real, a broken quote
        raise UserError(
            _("{path} cannot be read as CSV (line {line}: {reason}).").format(
                path=path, line=reader.line_num, reason=exc
            )
        ) from None


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``rows`` under ``header`` atomically and return how many rows were written."""
    count = 0
    with atomic_writer(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
