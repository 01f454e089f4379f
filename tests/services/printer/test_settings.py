from __future__ import annotations

import pytest

from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import set_language
from bazaar_pos.printing.errors import PrinterError
from bazaar_pos.services.printer.service import layout_test_page
from bazaar_pos.services.printer.settings import PrinterSettings
from bazaar_pos.services.records import save_record_fields
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Setting


def test_defaults_and_stored_changes(shop):
    settings = shop.printer.settings()
    assert (settings.uri, settings.paper_mm, settings.columns, settings.profile_name) == (
        "",
        58,
        32,
        "POS-5890",
    )
    shop.printer.configure(uri=" NETWORK://10.0.0.5 ", paper_mm=80, drawer_on_cash=True)
    stored = shop.printer.settings()
    assert stored.uri == "network://10.0.0.5:9100"
    assert (stored.columns, stored.width_dots, stored.profile_name) == (48, 576, "TM-T20II")
    assert stored.drawer_on_cash
    assert shop.settings.load().shop_name == "Bazaar POS"  # shop settings untouched


def test_wrong_settings_are_refused_with_every_problem(shop, tmp_path):
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("hello")
    with pytest.raises(ValidationError) as caught:
        shop.printer.configure(
            uri="lpt1", paper_mm=76, profile="XP-58", logo_path=str(not_an_image)
        )
    problems = "\n".join(caught.value.problems)
    assert "58 or 80 mm" in problems
    assert "'XP-58' is not a printer profile" in problems
    assert "'lpt1' is not a printer address" in problems
    assert "logo" in problems
    assert shop.printer.settings().uri == ""


def test_printing_without_a_printer_says_where_to_set_one_up(shop):
    with pytest.raises(PrinterError, match="Settings > Receipt printer"):
        shop.printer.print_test_page()


def test_a_printer_file_receives_the_test_page(shop, tmp_path):
    target = tmp_path / "printer.bin"
    shop.printer.configure(uri=f"file://{target}")
    shop.printer.print_test_page()
    output = target.read_bytes()
    assert output.startswith(b"\x1b@")
    assert b"12345678901234567890123456789012\n" in output


def test_unwritable_printer_file_is_a_printer_error(shop, tmp_path):
    shop.printer.configure(uri=f"file://{tmp_path}/missing/dir/lp0")
    with pytest.raises(PrinterError, match="cannot open it: no such device\\."):
        shop.printer.open_drawer()


def test_detection_lists_uris(shop):
    for found in shop.printer.detect():
        assert "://" in found.uri
        assert found.label


def test_an_80mm_printer_in_42_column_mode_is_stored_and_read_back(shop, db_path):
    shop.printer.configure(uri="network://10.0.0.5", paper_mm=80, columns=42)
    stored = shop.printer.settings()
    assert (stored.paper_mm, stored.columns, stored.width_dots) == (80, 42, 512)
    assert stored.profile_name == "TM-T20II"
    shop.close()
    reopened = Shop.open(db_path)
    try:
        again = reopened.printer.settings()
        assert (again.paper_mm, again.columns) == (80, 42)
        lines = reopened.receipts.lines(reopened.receipts.sample())
        assert max(len(line.text) for line in lines) == 42
    finally:
        reopened.close()


@pytest.mark.parametrize(("paper", "columns"), [(58, 32), (80, 48)])
def test_settings_stored_before_the_line_width_existed_take_the_papers(shop, paper, columns):
    save_record_fields(shop.db, "printer.", uri="network://10.0.0.5:9100", paper_mm=paper)
    with shop.db.reading() as session:
        assert session.get(Setting, "printer.columns") is None
    settings = shop.printer.settings()
    assert (settings.paper_mm, settings.columns) == (paper, columns)
    shop.printer.configure(drawer_on_cash=True)  # saving them again keeps them
    assert shop.printer.settings().columns == columns


@pytest.mark.parametrize(
    ("paper", "columns", "problem"),
    [
        (58, 42, "58 mm paper holds 32 characters a line, not 42."),
        (58, 48, "58 mm paper holds 32 characters a line, not 48."),
        (80, 32, "80 mm paper holds 48 characters a line, or 42 in 42-column mode, not 32."),
        (80, 40, "80 mm paper holds 48 characters a line, or 42 in 42-column mode, not 40."),
    ],
)
def test_a_line_width_the_paper_cannot_hold_is_refused(shop, paper, columns, problem):
    with pytest.raises(ValidationError) as caught:
        shop.printer.configure(paper_mm=paper, columns=columns)
    assert caught.value.problems == [problem]
    assert (shop.printer.settings().paper_mm, shop.printer.settings().columns) == (58, 32)


def test_a_new_paper_takes_its_usual_line_width_unless_one_is_given(shop):
    shop.printer.configure(paper_mm=80, columns=42)
    shop.printer.configure(paper_mm=80, drawer_on_cash=True)  # the same paper keeps 42
    assert shop.printer.settings().columns == 42
    shop.printer.configure(paper_mm=58)
    assert shop.printer.settings().columns == 32
    shop.printer.configure(paper_mm=80)
    assert shop.printer.settings().columns == 48


def test_the_test_page_ruler_is_exactly_as_wide_as_a_line(shop, tmp_path):
    target = tmp_path / "printer.bin"
    shop.printer.configure(uri=f"file://{target}", paper_mm=80, columns=42)
    shop.printer.print_test_page()
    output = target.read_bytes()
    assert b"\n123456789012345678901234567890123456789012\n" in output
    assert b"If the ruler stops well short of" in output
    target.unlink()
    shop.printer.configure(columns=48)
    shop.printer.print_test_page()
    output = target.read_bytes()
    assert b"\n123456789012345678901234567890123456789012345678\n" in output
    assert b"If the ruler wraps onto a second\nline, choose 80 mm, 42-column\n" in output


def test_the_test_page_speaks_the_apps_language_in_ascii(shop):
    set_language("id")
    lines = [line.text for line in layout_test_page(PrinterSettings(paper_mm=80))]
    assert "Jika penggaris berlanjut ke baris kedua, pilih 80 mm, mode 42 kolom" in " ".join(lines)
    assert all(line.isascii() for line in lines)
    assert not any("42-column" in line for line in lines)
