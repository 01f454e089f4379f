from __future__ import annotations

import pytest

from bazaar_pos.errors import ValidationError
from bazaar_pos.printing.errors import PrinterError


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
    with pytest.raises(PrinterError, match="cannot open it \\(No such file or directory\\)"):
        shop.printer.open_drawer()


def test_detection_lists_uris(shop):
    for found in shop.printer.detect():
        assert "://" in found.uri
        assert found.label
