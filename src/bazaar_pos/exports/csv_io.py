"""Reading CSV files people make in spreadsheets, and writing CSV files whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

from bazaar_pos.errors import UserError
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
    """A CSV file's header (lower-cased, trimmed) and rows."""

    header: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def read_csv(path: Path, aliases: dict[str, str] | None = None) -> CsvTable:
    """Read a CSV file saved by Excel, LibreOffice or a marketplace.

    Accepts UTF-8 with or without a byte-order mark and ``,``, ``;`` or tab
    as the separator. ``aliases`` renames header cells (``harga`` -> ``price``).
    Raises UserError when the file cannot be read as CSV text.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(_("File not found: {path}").format(path=path)) from None
    except UnicodeDecodeError:
        raise UserError(_("{path} is not a UTF-8 text file.").format(path=path)) from None
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise UserError(_("{path} is empty.").format(path=path))
    delimiter = max(",;\t", key=first_line.count)
    # Records split on line ends only (newline=""), so a quoted cell keeps its line breaks
    # and a U+2028 or control separator inside a name stays part of it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    aliases = aliases or {}
    try:
        raw_header = next(reader)
        header = tuple(aliases.get(h.strip().lower(), h.strip().lower()) for h in raw_header)
        rows = []
        first_line_of_record = reader.line_num + 1
        for cells in reader:
            if "".join(cells).strip():
                rows.append(CsvRow(first_line_of_record, dict(zip(header, cells, strict=False))))
            first_line_of_record = reader.line_num + 1
    except csv.Error as exc:  # a cell too long to be real, a broken quote
        raise UserError(
            _("{path} cannot be read as CSV (line {line}: {reason}).").format(
                path=path, line=reader.line_num, reason=exc
            )
        ) from None
    return CsvTable(header, tuple(rows))


@contextmanager
def atomic_writer(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a text file that appears at ``path`` only once it is completely written."""
    path = Path(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - renamed into place below
            "w",
            encoding="utf-8",
            newline=newline,
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".part",
            delete=False,
        )
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


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
