"""Report files say what they are doing, and a cancelled one leaves no file, not even half."""

import pytest
from pypdf import PdfReader

from bazaar_pos.progress import Cancelled
from bazaar_pos.services.reports.files import FileFormat
from tests.helpers.progress import every_report
from tests.helpers.sales import TWO_DAYS


@pytest.fixture
def folder(tmp_path):
    """A folder of its own for the files (the shop's database is in ``tmp_path``)."""
    out = tmp_path / "files"
    out.mkdir()
    return out


def test_the_summary_pdf_says_its_stages_and_counts_its_pages(shop, bazaar, folder):
    heard = []
    written = shop.report_files.write(
        TWO_DAYS, folder / "summary.pdf", FileFormat.PDF, progress=every_report(heard)
    )
    stages = list(dict.fromkeys(what for what, _done, _total in heard))
    assert stages == [
        "Reading sales",
        "Adding up the year's turnover",
        "Reading what customers owe",
        "Writing pages",
    ]
    pages = [done for what, done, _total in heard if what == "Writing pages"]
    assert pages == list(range(written.count + 1))  # 0 at the start, then one a page
    assert written.count == len(PdfReader(written.path).pages) >= 2


def test_a_cancelled_summary_leaves_the_old_file_as_it_was_and_no_half_file(shop, bazaar, folder):
    path = folder / "summary.pdf"
    path.write_bytes(b"last month's summary")

    def cancel_on_the_second_page(what, done, total):
        if what == "Writing pages" and done == 1:
            stopping.cancel()

    stopping = every_report([], cancel_on_the_second_page)
    with pytest.raises(Cancelled):
        shop.report_files.write(TWO_DAYS, path, FileFormat.PDF, progress=stopping)
    assert path.read_bytes() == b"last month's summary"
    assert [p.name for p in folder.iterdir() if p.name != path.name] == []


@pytest.mark.parametrize("file_format", [FileFormat.CSV, FileFormat.XLSX])
def test_sale_lines_count_up_to_their_total_and_a_cancel_writes_nothing(
    shop, bazaar, folder, file_format
):
    heard = []
    written = shop.report_files.write(
        TWO_DAYS, folder / f"lines.{file_format}", file_format, progress=every_report(heard)
    )
    lines = [(done, total) for what, done, total in heard if what == "Writing sale lines"]
    assert lines[0] == (0, written.count)
    assert lines[-1] == (written.count, written.count)
    assert written.count >= 3

    def cancel_after_the_first_line(what, done, total):
        if what == "Writing sale lines" and done == 1:
            stopping.cancel()

    stopping = every_report([], cancel_after_the_first_line)
    again = folder / f"again.{file_format}"
    with pytest.raises(Cancelled):
        shop.report_files.write(TWO_DAYS, again, file_format, progress=stopping)
    assert sorted(p.name for p in folder.iterdir()) == [f"lines.{file_format}"]
