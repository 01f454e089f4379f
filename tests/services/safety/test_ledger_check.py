"""``check`` proves each kasbon ledger: broken by hand in the SQLite file, it says where."""

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bazaar_pos.domain.access import COMMAND_LINE
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import SaleLine
from tests.conftest import JAKARTA
from tests.helpers.cli import bazaar_pos
from tests.helpers.kasbon import backdate, kasbon_sale


@pytest.fixture
def ledger(db_path):
    """Bu Sari bought on kasbon on 1 November (A-000001, Rp300.000, Rp100.000 of it in cash),
    paid Rp50.000 back on 5 November and today gave one of three cups back (Rp100.000 off)."""
    shop = Shop.open(db_path, zone=JAKARTA)
    shop.access.act_as(COMMAND_LINE)
    cup = shop.catalogue.create(ProductDraft("GLS-1", "Gelas tanah liat", 100_000))
    sari = shop.customers.add(CustomerDraft("Bu Sari", "0812-3456-7890"))
    shop.customers.add(CustomerDraft("Pak Budi", ""))
    sale = kasbon_sale(
        shop, sari.id, datetime(2026, 11, 1, 3, tzinfo=UTC), [(cup, 3)], paid_now=100_000
    )
    with shop.db.reading() as session:
        line_id = session.scalar(select(SaleLine.id).where(SaleLine.sale_id == sale.id))

    shop.refunds.refund(sale.uuid, [RefundItem(line_id, 1000)])  # Rp100.000 off the kasbon
    repaid = shop.accounts.repay(sari.id, 50_000)
    backdate(shop, repaid.id, datetime(2026, 11, 5, 3, tzinfo=UTC))
    assert shop.customers.get(sari.id).owed == 50_000
    assert shop.check() == []
    shop.close()
    return db_path


def broken(path, *statements):
    """Run ``statements`` on the file itself, as a bad merge or a hand edit would."""
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            con.execute(statement)
    con.close()


def problems_in(path):
    shop = Shop.open(path, zone=JAKARTA)
    try:
        return shop.check()
    finally:
        shop.close()


CHARGE = "SELECT id FROM account_entries WHERE kind = 'charge'"
REFUND = "SELECT id FROM account_entries WHERE kind = 'refund'"
REPAYMENT = "SELECT id FROM account_entries WHERE kind = 'repayment'"


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        pytest.param(
            [f"UPDATE account_entries SET amount_minor = 250000 WHERE id = ({CHARGE})"],
            "Sale A-000001: 250000 charged to kasbon, but 200000 paid on account.",
            id="a charge that differs from the account payment",
        ),
        pytest.param(
            ["UPDATE payments SET method = 'cash' WHERE method = 'account'"],
            "Sale A-000001: 200000 charged to kasbon, but 0 paid on account.",
            id="a charge of a sale paid otherwise",
        ),
        pytest.param(
            [f"UPDATE account_entries SET sale_id = NULL WHERE id = ({CHARGE})"],
            "a charge without a sale.",
            id="a charge without its sale",
        ),
        pytest.param(
            ["UPDATE sales SET customer_id = (SELECT id FROM customers WHERE name = 'Pak Budi')"],
            "Sale A-000001: charged to another customer than the sale's.",
            id="a charge on another customer than the sale's",
        ),
        pytest.param(
            [f"UPDATE account_entries SET refund_id = NULL WHERE id = ({REFUND})"],
            "goods returned without a refund.",
            id="a refund entry without a refund",
        ),
        pytest.param(
            [
                "UPDATE payments SET method = 'cash' WHERE method = 'account'",
                f"DELETE FROM account_entries WHERE id = ({CHARGE})",
            ],
            "Sale A-000001: goods returned to kasbon, but it was not a kasbon sale.",
            id="a refund entry of a sale not on kasbon",
        ),
        pytest.param(
            [f"UPDATE account_entries SET amount_minor = -250000 WHERE id = ({REFUND})"],
            "Sale A-000001: 250000 taken off kasbon for goods returned, but only 200000 was on"
            " account.",
            id="a refund entry above the sale's account part",
        ),
        pytest.param(
            [
                "UPDATE account_entries SET created_at = '2026-10-01 03:00:00.000000'"
                f" WHERE id = ({REPAYMENT})"
            ],
            "Customer Bu Sari: kasbon entry 3 (repayment) took more than the 0 owed.",
            id="a repayment before anything was owed",
        ),
        pytest.param(
            [f"UPDATE account_entries SET amount_minor = -250000 WHERE id = ({REPAYMENT})"],
            "Customer Bu Sari: kasbon entry 3 (repayment) took more than the 200000 owed.",
            id="a repayment above the balance",
        ),
        pytest.param(
            [f"UPDATE account_entries SET amount_minor = 50000 WHERE id = ({REPAYMENT})"],
            "Kasbon entry 3: a repayment of 50000 has the wrong sign or kind.",
            id="a repayment that adds to the debt",
        ),
        pytest.param(
            ["UPDATE account_entries SET customer_id = 99"],
            "Kasbon entry 1: its customer 99 does not exist.",
            id="an entry of a customer who does not exist",
        ),
    ],
)
def test_check_names_each_broken_rule_of_the_ledger(ledger, statements, named):
    broken(ledger, *statements)
    assert any(named in problem for problem in problems_in(ledger)), problems_in(ledger)


def test_a_write_off_below_zero_is_named_and_the_command_fails(ledger):
    broken(
        ledger,
        "INSERT INTO account_entries (uuid, customer_id, kind, amount_minor, method, reference,"
        " note, recorded_by, till_id, created_at) SELECT 'f0', customer_id, 'write_off', -160000,"
        " '', '', 'gone', 'Owner', till_id, '2026-11-06 03:00:00.000000' FROM account_entries"
        " WHERE id = 1",
    )
    done = bazaar_pos("--db", ledger, "check")
    assert done.returncode == 1
    assert (
        "Customer Bu Sari: kasbon entry 4 (write_off) took more than the 150000 owed."
        in done.stdout.splitlines()
    )
