from __future__ import annotations

import time

from pypdf import PdfReader

from bazaar_pos.cli import main
from tests.helpers.emupos import free_port


def run(db_path, *args):
    return main(["--db", str(db_path), *args])


def test_printer_set_show_and_test_page(shop, db_path, tmp_path, capsys):
    target = tmp_path / "lp0"
    assert (
        run(db_path, "printer", "set", f"file://{target}", "--width", "80", "--drawer", "on") == 0
    )
    out = capsys.readouterr().out
    assert f"Printer: file://{target}" in out
    assert "Paper: 80 mm, 48 characters a line" in out
    assert "Profile: TM-T20II" in out
    assert "Drawer opens on cash sales: yes" in out
    assert run(db_path, "printer", "test") == 0
    assert b"123456789012345678901234567890123456789012345678\n" in target.read_bytes()
    assert run(db_path, "printer", "drawer") == 0
    assert target.read_bytes() == b"\x1bp\x0022"
    assert run(db_path, "printer", "detect") == 0


def test_printer_set_refuses_a_bad_address_or_profile(shop, db_path, capsys):
    assert run(db_path, "printer", "set", "bt://printer") == 1
    assert "is not a printer address" in capsys.readouterr().err
    assert run(db_path, "printer", "set", "network://10.0.0.9", "--profile", "nope") == 1
    assert "'nope' is not a printer profile" in capsys.readouterr().err


def test_receipt_as_text_by_number_or_last(named_shop, make_sale, db_path, capsys):
    sale = make_sale()
    assert run(db_path, "receipt", sale.number) == 0
    text = capsys.readouterr().out
    assert "Toko Batik Sekar" in text
    assert "TOTAL" + " " * 16 + "Rp1.440.000" in text
    assert run(db_path, "receipt", "--last", "--text") == 0
    assert capsys.readouterr().out == text


def test_receipt_as_pdf(named_shop, make_sale, db_path, tmp_path, capsys):
    sale = make_sale()
    pdf = tmp_path / "struk.pdf"
    assert run(db_path, "receipt", "--last", "--pdf", str(pdf)) == 0
    assert capsys.readouterr().out.strip() == f"Saved {pdf}."
    assert sale.number in PdfReader(pdf).pages[0].extract_text()


def test_failed_print_exits_non_zero_within_seconds(named_shop, make_sale, db_path, capsys):
    make_sale()
    port = free_port()
    named_shop.printer.configure(uri=f"network://127.0.0.1:{port}")
    started = time.monotonic()
    assert run(db_path, "receipt", "--last", "--print") == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert f"Printer 127.0.0.1:{port}: cannot connect: the printer refused the connection" in err


def test_receipt_of_unknown_sale(shop, db_path, capsys):
    assert run(db_path, "receipt", "Z-1") == 1
    assert "There is no sale Z-1." in capsys.readouterr().err
