"""The Z report and a no-sale drawer opening, decoded by the independent emupos simulator."""

from __future__ import annotations

import pytest

from bazaar_pos.domain.cash_count import CashCount
from bazaar_pos.services.people.access import PermissionDenied
from tests.helpers.emupos import row
from tests.helpers.users import CASHIER, OWNER, act_as


def test_the_z_report_prints_within_58_mm(named_shop, make_sale, emupos):
    named_shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    named_shop.shifts.open(100_000)
    make_sale()  # Rp1.440.000, paid with Rp1.500.000 cash
    named_shop.shifts.pay_out(40_000, "parkir")
    named_shop.shifts.close(CashCount.total_only(1_500_000))
    (shift,) = named_shop.shifts.shifts()
    before = len(emupos.receipts("p58"))
    named_shop.shifts.print_report(shift.uuid)
    lines = emupos.wait_receipt("p58", before).lines
    assert all(len(line) <= 32 for line in lines)
    assert lines[0].strip() == "Toko Batik Sekar"
    assert lines[1].strip() == "Z report"
    assert row("Shift", "A-S000001", 32) in lines
    assert row("Cash sales", "Rp1.440.000", 32) in lines
    assert row("Expected", "Rp1.500.000", 32) in lines
    assert row("Difference (Exact)", "Rp0", 32) in lines
    assert any(line.endswith("-Rp40.000") and "out: parkir" in line for line in lines)


def test_a_no_sale_drawer_opening_needs_the_owner_and_is_logged(staffed, emupos):
    act_as(staffed, OWNER)
    staffed.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    emupos.close_drawer("p80")
    act_as(staffed, CASHIER)
    with pytest.raises(PermissionDenied):
        staffed.printer.open_drawer(reason="change for a customer")
    assert emupos.state("p80")["drawer"] != "open"
    act_as(staffed, OWNER)
    staffed.printer.open_drawer(reason="change for a customer")
    assert emupos.state("p80")["drawer"] == "open"
    (opened,) = [e for e in staffed.audit.find() if e.action == "drawer.opened"]
    assert (opened.actor, opened.details) == (OWNER, {"reason": "change for a customer"})
