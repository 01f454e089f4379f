"""A line a label scale priced, printed and read back by an independent ESC/POS decoder."""

from __future__ import annotations

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit
from bazaar_pos.services.printer.queue import JobStatus
from bazaar_pos.services.products.catalogue import ProductDraft
from tests.helpers.emupos import print_sale, row


def test_a_price_label_prints_its_weight_and_the_price_per_kg(named_shop, emupos):
    shop = named_shop
    shop.catalogue.create(ProductDraft("GUL-1", "Gula aren", 60_000, unit=Unit.KG, plu="7"))
    scanned = shop.scale_codes.read("2300007288509")  # PLU 7, Rp28.850
    assert scanned is not None
    settings = shop.settings.load()
    cart = Cart(settings.currency, settings.tax_rule)
    product = scanned.product
    cart.add(
        CartLine(
            product.sku,
            product.name,
            product.price,
            scanned.quantity_milli,
            product_id=product.id,
            unit=product.unit,
            priced=scanned.priced,
        )
    )
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 30_000)])
    shop.printer.configure(uri=emupos.uri("p58"), paper_mm=58)
    before = len(emupos.receipts("p58"))
    assert print_sale(shop, sale.uuid).status is JobStatus.DONE
    lines = emupos.wait_receipt("p58", before).lines
    at = lines.index("Gula aren")
    assert lines[at + 1 : at + 3] == [
        "  0,481 kg x Rp60.000/kg",
        row("", "Rp28.850", 32),
    ]
    assert row("TOTAL", "Rp28.850", 32) in lines
    assert row("Change", "Rp1.150", 32) in lines
    assert shop.check() == []
