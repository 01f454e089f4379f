"""A sale for a customer, at their group's prices, part on kasbon: the receipt as printed."""

from __future__ import annotations

from datetime import date

from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.printer.queue import JobStatus
from tests.helpers.emupos import print_sale, row


def test_the_receipt_names_the_customer_their_group_saving_and_the_kasbon_due(
    named_shop, add_product, cart_of, emupos
):
    shop = named_shop
    shop.printer.configure(uri=emupos.uri("p80"), paper_mm=80)
    reseller = shop.customers.save_group(None, "Reseller", 1000)
    rina = shop.customers.add(
        CustomerDraft("Bu Rina", "0812 3456 7890", group_id=reseller.id, credit_limit=500_000)
    )
    kopi = add_product("KOP-1", "Kopi Gayo 250 g", 95_000, stock=10)
    cart = cart_of((kopi, 2))
    cart.customer = CartCustomer(rina.id, rina.name, "Reseller")
    cart.reprice(shop.customers.prices_for(rina.id, [kopi.id]))
    sale = shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.CASH, 50_000), Tender(PaymentMethod.ACCOUNT, 121_000)],
        cashier="Sari",
        due_on=date(2027, 1, 15),
    )
    before = len(emupos.receipts("p80"))
    assert print_sale(shop, sale.uuid).status is JobStatus.DONE
    lines = emupos.wait_receipt("p80", before).lines
    assert row("Customer", "Bu Rina", 48) in lines
    assert not any("0812" in line or "62812" in line for line in lines[3:])  # no phone
    assert lines[lines.index("Kopi Gayo 250 g") + 1] == row("  2 x Rp85.500", "Rp171.000", 48)
    assert row("Cash", "Rp50.000", 48) in lines
    assert row("Kasbon", "Rp121.000", 48) in lines
    assert row("Kasbon due", "15/01/2027", 48) in lines
    assert row("Reseller prices, you save", "Rp19.000", 48) in lines
