"""Receipts decoded by an independent ESC/POS simulator (emupos) on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from bazaar_pos.cli import main
from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.services.printer.queue import JobStatus
from bazaar_pos.services.products.catalogue import ProductDraft
from tests.helpers.emupos import free_port, print_sale, row


def test_80mm_receipt_decodes_with_totals_cut_and_drawer(named_shop, make_sale, emupos):
    named_shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80, drawer_on_cash=True)
    sale = make_sale()
    before = len(emupos.receipts("p80"))
    done = print_sale(named_shop, sale.uuid)
    assert done.status is JobStatus.DONE, done.last_error
    printout = emupos.wait_receipt("p80", before)
    lines = printout.lines
    assert lines[0].strip() == "Toko Batik Sekar"
    assert lines[1].strip() == "Jl. Malioboro 12, Yogyakarta"
    assert row("No.", sale.number, 48) in lines
    assert lines[lines.index("Kopi Gayo 250 g") + 1] == row("  2 x Rp95.000", "Rp190.000", 48)
    assert row("Warna Sogan", "Rp1.250.000", 48) in lines
    assert row("TOTAL", "Rp1.440.000", 48) in lines
    assert row("Cash", "Rp1.500.000", 48) in lines
    assert row("Change", "Rp60.000", 48) in lines
    assert all(len(line) <= 48 for line in lines)
    assert printout.meta["boundary"] == "cut"
    assert printout.meta["width_dots"] == 576
    assert emupos.state("p80")["drawer"] == "open"


def test_58mm_receipt_wraps_at_32_columns_with_qr_image(named_shop, make_sale, emupos):
    named_shop.printer.configure(
        uri=emupos.uri("p58"), paper_mm=58, qr_data="https://instagram.com/batiksekar"
    )
    sale = make_sale(Tender(PaymentMethod.QRIS, 1_440_000))
    before = len(emupos.receipts("p58"))
    assert print_sale(named_shop, sale.uuid).status is JobStatus.DONE
    printout = emupos.wait_receipt("p58", before)
    lines = printout.lines
    assert all(len(line) <= 32 for line in lines)
    name_at = lines.index("Kain Batik Tulis")
    assert lines[name_at : name_at + 3] == [
        "Kain Batik Tulis",
        "Motif Parang Rusak",
        row("Warna Sogan", "Rp1.250.000", 32),
    ]
    assert row("TOTAL", "Rp1.440.000", 32) in lines
    assert row("QRIS", "Rp1.440.000", 32) in lines
    assert not any(line.startswith("Change") for line in lines)
    assert any(line.startswith("[image 384x") for line in lines)  # the QR code
    assert lines[-1].strip() == "instagram.com/batiksekar"
    assert printout.meta["width_dots"] == 384
    assert printout.meta["boundary"] == "connection-closed"  # POS-5890 clones have no cutter
    assert emupos.state("p58")["drawer"] == "closed"


def test_reprint_never_opens_the_drawer(named_shop, make_sale, emupos):
    named_shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80, drawer_on_cash=True)
    sale = make_sale()
    before = len(emupos.receipts("p80"))
    job = named_shop.print_queue.enqueue_receipt(sale.uuid, reprint=True)
    assert named_shop.print_queue.run(job.uuid).status is JobStatus.DONE
    assert row("TOTAL", "Rp1.440.000", 48) in emupos.wait_receipt("p80", before).lines
    assert emupos.state("p80")["drawer"] == "closed"


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        ("paper-out", "is out of paper"),
        ("offline", "is offline"),
        ("cover-open", "the cover is open"),
    ],
)
def test_printer_fault_keeps_the_job_queued_and_the_sale_intact(
    named_shop, make_sale, emupos, fault, problem
):
    named_shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    sale = make_sale()
    emupos.fault("p80", fault)
    before = len(emupos.receipts("p80"))
    failed = print_sale(named_shop, sale.uuid)
    assert failed.status is JobStatus.FAILED
    assert problem in failed.last_error
    assert f"127.0.0.1:{emupos.ports['p80']}" in failed.last_error
    assert [job.uuid for job in named_shop.print_queue.waiting()] == [failed.uuid]
    assert named_shop.receipts.for_sale(sale.uuid).total == 1_440_000
    assert named_shop.check() == []
    emupos.fault("p80", fault, active=False)
    time.sleep(0.6)  # nothing was held back by the printer: no receipt appears
    assert len(emupos.receipts("p80")) == before
    named_shop.print_queue.retry(failed.uuid)
    assert named_shop.print_queue.run(failed.uuid).status is JobStatus.DONE
    assert row("TOTAL", "Rp1.440.000", 48) in emupos.wait_receipt("p80", before).lines
    assert named_shop.print_queue.waiting() == []


def test_paper_near_end_still_prints(named_shop, make_sale, emupos):
    named_shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    sale = make_sale()
    emupos.fault("p58", "paper-near-end")
    before = len(emupos.receipts("p58"))
    assert print_sale(named_shop, sale.uuid).status is JobStatus.DONE
    assert row("TOTAL", "Rp1.440.000", 32) in emupos.wait_receipt("p58", before).lines


def test_dead_port_fails_fast_and_keeps_the_job(named_shop, make_sale):
    named_shop.printer.configure(uri=f"network://127.0.0.1:{free_port()}", paper_mm=80)
    sale = make_sale()
    started = time.monotonic()
    failed = print_sale(named_shop, sale.uuid)
    assert time.monotonic() - started < 5
    assert failed.status is JobStatus.FAILED
    assert "cannot connect: the printer refused the connection" in failed.last_error
    assert named_shop.print_queue.waiting()[0].uuid == failed.uuid
    assert named_shop.receipts.for_sale(sale.number).number == sale.number


def test_test_page_and_drawer_button(named_shop, emupos):
    named_shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    before = len(emupos.receipts("p58"))
    named_shop.printer.print_test_page()
    lines = emupos.wait_receipt("p58", before).lines
    assert "12345678901234567890123456789012" in lines  # the ruler fits on one line
    assert row("Paper", "58 mm", 32) in lines
    named_shop.printer.open_drawer()
    deadline = time.monotonic() + 5
    while emupos.state("p58")["drawer"] != "open" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert emupos.state("p58")["drawer"] == "open"


def test_cli_prints_the_last_receipt(named_shop, make_sale, emupos, db_path, capsys):
    named_shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    sale = make_sale()
    before = len(emupos.receipts("p80"))
    assert main(["--db", str(db_path), "receipt", "--last", "--print"]) == 0
    assert f"Receipt {sale.number} printed." in capsys.readouterr().out
    assert row("TOTAL", "Rp1.440.000", 48) in emupos.wait_receipt("p80", before).lines


def test_cli_print_to_a_printer_out_of_paper_exits_non_zero(
    named_shop, make_sale, emupos, db_path, capsys
):
    named_shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    sale = make_sale()
    emupos.fault("p80", "paper-out")
    started = time.monotonic()
    assert main(["--db", str(db_path), "receipt", sale.number, "--print"]) == 1
    assert time.monotonic() - started < 5
    assert "out of paper" in capsys.readouterr().err


def test_weighed_and_measured_lines_print_their_quantity_and_price_per_unit(
    named_shop, emupos, cart_of
):
    beans = named_shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi Gayo biji", 180_000, unit=Unit.KG)
    )
    cloth = named_shop.catalogue.create(ProductDraft("LRK-1", "Kain lurik", 85_000, unit=Unit.M))
    cart = cart_of()
    for product, milli in ((beans, 250), (cloth, 1_500)):
        cart.add(
            CartLine(
                product.sku,
                product.name,
                product.price,
                milli,
                product_id=product.id,
                unit=product.unit,
            )
        )
    sale = named_shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 200_000)])
    for printer, columns in (("p58", 32), ("p80", 48)):
        named_shop.printer.configure(uri=emupos.uri(printer), paper_mm=58 if columns == 32 else 80)
        before = len(emupos.receipts(printer))
        assert print_sale(named_shop, sale.uuid).status is JobStatus.DONE
        lines = emupos.wait_receipt(printer, before).lines
        at = lines.index("Kopi Gayo biji")
        if columns == 32:
            assert lines[at + 1 : at + 3] == ["  0,25 kg x Rp180.000/kg", "Rp45.000".rjust(32)]
        else:
            assert lines[at + 1] == row("  0,25 kg x Rp180.000/kg", "Rp45.000", 48)
        assert row("  1,5 m x Rp85.000/m", "Rp127.500", columns) in lines
        assert row("TOTAL", "Rp172.500", columns) in lines
        assert row("Change", "Rp27.500", columns) in lines
