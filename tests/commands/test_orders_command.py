"""``bazaar-pos orders list``: the orders waiting, those due this week, by status."""

from __future__ import annotations

from datetime import date, timedelta

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft
from bazaar_pos.services.shop import Shop
from tests.helpers.cli import bazaar_pos


def test_orders_list_shows_what_waits_and_what_is_due_this_week(db_path):
    shop = Shop.open(db_path)
    today = date.today()
    try:
        for name, days in (("Ibu Ratna", 3), ("Pak Joko", 20), ("Bu Wati", -1)):
            customer = shop.customers.add(CustomerDraft(name))
            shop.orders.create(
                OrderDraft(
                    customer.id,
                    (OrderLineDraft(whole(1), name="Tas anyaman", unit_price=120_000),),
                    today + timedelta(days),
                ),
                Tender(PaymentMethod.CASH, 50_000),
            )
    finally:
        shop.close()

    everything = bazaar_pos("--db", db_path, "orders", "list")
    assert everything.returncode == 0, everything.stderr
    lines = everything.stdout.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Bu Wati", "Ibu Ratna", "Pak Joko"]
    assert lines[0].split("\t") == [
        "PO-A-0003",
        (today - timedelta(1)).isoformat(),
        "Bu Wati",
        "Ordered, overdue",
        "Rp120.000",
        "Rp50.000",
        "Rp70.000",
    ]
    week = bazaar_pos("--db", db_path, "orders", "list", "--due-this-week")
    assert [line.split("\t")[2] for line in week.stdout.splitlines()] == ["Bu Wati", "Ibu Ratna"]
    none = bazaar_pos("--db", db_path, "orders", "list", "--status", "cancelled")
    assert none.stdout == "No orders.\n"
