"""The CSV reader: records, quoted line breaks, odd separators and the lines errors name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bazaar_pos.errors import UserError
from bazaar_pos.exports.csv_io import read_csv


def _write(tmp_path: Path, text: str, newline: str = "\n") -> Path:
    path = tmp_path / "products.csv"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_quoted_cell_keeps_its_line_break(tmp_path: Path, newline: str) -> None:
    text = "sku,name,price\nTEN-1,\"Tenun\nikat\",185000\nTEN-2,Songket,250000\n"
    path = _write(tmp_path, text, newline)
    table = read_csv(path)
    assert [row.get("name") for row in table.rows] == ["Tenun\nikat", "Songket"]
    assert [row.line for row in table.rows] == [2, 4]


def test_rows_after_a_two_line_cell_name_their_own_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'sku,name,price\nTEN-1,"Tenun\nikat",185000\n\nTEN-2,Songket,mahal\n')
    lines = [row.line for row in read_csv(path).rows]
    assert lines == [2, 5]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x85", "\x0b"])
def test_unicode_and_control_separators_stay_inside_a_cell(tmp_path: Path, separator: str) -> None:
    path = _write(tmp_path, f"sku;name;price\nTEN-1;Tenun{separator}ikat;185000\n")
    (row,) = read_csv(path).rows
    assert row.values == {"sku": "TEN-1", "name": f"Tenun{separator}ikat", "price": "185000"}
    assert row.line == 2


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is empty"):
        read_csv(_write(tmp_path, ""))
