import pytest

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.stock.consignment.views import ConsignorDraft


def test_receiving_with_a_cost_averages_the_cost_of_what_is_in_stock(shop, add_product):
    product = add_product(cost=50_000)
    assert shop.stock.receive(product.id, whole(10), unit_cost=40_000) == whole(10)
    assert shop.catalogue.get(product.id).cost == 40_000  # nothing was in stock
    shop.stock.receive(product.id, whole(5), unit_cost=55_000)
    assert shop.catalogue.get(product.id).cost == 45_000  # (10 x 40,000 + 5 x 55,000) / 15
    shop.stock.receive(product.id, whole(1))
    assert shop.catalogue.get(product.id).cost == 45_000
    with pytest.raises(ValidationError, match="negative"):
        shop.stock.receive(product.id, whole(1), unit_cost=-1)


@pytest.mark.parametrize(
    ("reason", "quantity"),
    [
        (StockReason.DAMAGED, -2),
        (StockReason.LOST, -1),
        (StockReason.GIFT, -1),
        (StockReason.CORRECTION, 3),
        (StockReason.CORRECTION, -3),
    ],
)
def test_adjustments_carry_their_reason(shop, add_product, reason, quantity):
    product = add_product(stock=5)
    assert shop.stock.adjust(product.id, whole(quantity), reason=reason) == whole(5 + quantity)
    latest = shop.stock.history(product.id)[0]
    assert (latest.reason, latest.quantity_milli, latest.balance) == (
        reason,
        whole(quantity),
        whole(5 + quantity),
    )
    assert shop.check() == []


@pytest.mark.parametrize(
    ("reason", "quantity", "message"),
    [
        (StockReason.DAMAGED, 1, "only take stock away"),
        (StockReason.GIFT, 2, "only take stock away"),
        (StockReason.SALE, -1, "not a reason"),
        (StockReason.ADJUST, -1, "why"),
    ],
)
def test_adjustments_that_make_no_sense_are_refused(shop, add_product, reason, quantity, message):
    product = add_product(stock=5)
    with pytest.raises(ValidationError, match=message):
        shop.stock.adjust(product.id, whole(quantity), reason=reason)


def test_history_shows_the_balance_after_each_movement(shop, add_product):
    product = add_product(stock=0)
    shop.stock.receive(product.id, whole(10), unit_cost=40_000, note="from Pak Budi")
    shop.stock.adjust(product.id, whole(-2), reason=StockReason.DAMAGED, note="rain")
    shop.stock.adjust(product.id, whole(1), reason=StockReason.CORRECTION)
    history = shop.stock.history(product.id)
    assert [(m.quantity_milli, m.balance, m.reason_text) for m in history] == [
        (1000, 9000, "Correction"),
        (-2000, 8000, "Damaged"),
        (10_000, 10_000, "Received"),
    ]
    assert (history[2].unit_cost, history[2].note) == (40_000, "from Pak Budi")
    assert len(shop.stock.history(product.id, limit=1)) == 1
    with pytest.raises(NotFoundError):
        shop.stock.history(999)


def test_a_stock_count_shows_variances_then_applies_them_in_one_go(shop, add_product):
    coffee = add_product("KOP-1", "Kopi Gayo", category="Kopi", stock=10)
    tea = add_product("TEH-1", "Teh Melati", category="Kopi", stock=4, cost=10_000)
    batik = add_product("BTK-1", "Batik Cap", category="Batik", stock=2)
    sheet = shop.stock.count_sheet("Kopi")
    assert [(line.sku, line.expected) for line in sheet] == [("KOP-1", 10_000), ("TEH-1", 4000)]
    assert len(shop.stock.count_sheet()) == 3
    counts = {coffee.id: whole(10), tea.id: whole(1)}
    variances = shop.stock.variances(counts)
    assert [(v.sku, v.expected, v.counted, v.difference, v.value) for v in variances] == [
        ("TEH-1", 4000, 1000, -3000, -30_000)
    ]
    result = shop.stock.apply_count(counts, note="Sunday count")
    assert (result.counted, len(result.variances), result.value) == (2, 1, -30_000)
    assert shop.catalogue.get(tea.id).stock_milli == whole(1)
    assert shop.catalogue.get(batik.id).stock_milli == whole(2)  # not counted, not touched
    movement = shop.stock.history(tea.id)[0]
    assert (movement.reason, movement.reference) == (StockReason.COUNT, result.reference)
    assert shop.check() == []


def test_bad_counts_are_refused(shop, add_product):
    product = add_product(stock=1)
    with pytest.raises(ValidationError, match="Nothing was counted"):
        shop.stock.apply_count({})
    with pytest.raises(ValidationError, match="negative"):
        shop.stock.variances({product.id: -1})
    with pytest.raises(ValidationError, match="whole pieces"):
        shop.stock.variances({product.id: 1_500})
    with pytest.raises(NotFoundError):
        shop.stock.apply_count({product.id: whole(1), 999: whole(3)})


def test_low_stock_lists_products_at_or_below_their_level_emptiest_first(shop):
    def make(sku, stock, level):
        level = None if level is None else whole(level)
        product = shop.catalogue.create(ProductDraft(sku, sku, 1_000, low_stock_milli=level))
        if stock:
            shop.stock.receive(product.id, whole(stock))
        return product

    make("A", 5, 2)
    make("B", 2, 2)
    make("C", 0, 3)
    make("D", 0, None)
    archived = make("E", 0, 5)
    shop.catalogue.set_active(archived.id, False)
    assert [p.sku for p in shop.stock.low_stock()] == ["C", "B"]


def test_stock_value_at_cost_leaves_consigned_goods_apart(shop, add_product):
    maker = shop.consignment.add_consignor(ConsignorDraft("Pak Wayan"))
    add_product("KOP-1", category="Kopi", price=95_000, cost=50_000, stock=4)
    add_product("BTK-1", category="Batik", price=300_000, cost=200_000, stock=1)
    add_product("NEG-1", category="Batik", price=1, cost=1, stock=0)
    shop.stock.adjust(shop.catalogue.get_by_sku("NEG-1").id, whole(-3), note="sold before counted")
    bowl = shop.catalogue.create(
        ProductDraft("MGK-1", "Mangkuk", 60_000, cost=0, consignor_id=maker.id)
    )
    shop.consignment.receive(bowl.id, whole(5))
    value = shop.stock.value()
    assert (value.units, value.cost, value.retail) == (5, 400_000, 680_000)
    assert (value.consigned_units, value.consigned_retail) == (5, 300_000)
    assert [(c.category, c.units, c.cost) for c in value.categories] == [
        ("Batik", 1, 200_000),
        ("Kopi", 4, 200_000),
    ]


def test_history_names_the_sale_a_movement_belongs_to(shop, add_product, cart_of):
    product = add_product(stock=3)
    sale = shop.checkout.complete_sale(
        cart_of((product, 1)), [Tender(PaymentMethod.CASH, product.price)]
    )
    latest = shop.stock.history(product.id)[0]
    assert (latest.reason, latest.document) == (StockReason.SALE, sale.number)
    assert latest.reference == f"sale:{sale.uuid}"


def test_goods_kept_by_weight_count_in_the_value_but_never_as_pieces(shop, add_product):
    add_product("KOP-1", category="Kopi", price=95_000, cost=50_000, stock=4)
    beans = shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi biji", 180_000, cost=110_000, category="Kopi", unit=Unit.KG)
    )
    shop.stock.receive(beans.id, 2_500)  # 2,5 kg
    shop.stock.adjust(beans.id, -125, reason=StockReason.DAMAGED)  # 125 g spilled
    value = shop.stock.value()
    # 4 bags and 2,375 kg: Rp200.000 + Rp261.250 at cost, Rp380.000 + Rp427.500 at price.
    assert (value.units, value.cost, value.retail) == (4, 461_250, 807_500)
    (count_line,) = [line for line in shop.stock.count_sheet() if line.sku == "BJI-1"]
    assert (count_line.expected, count_line.unit) == (2_375, Unit.KG)
    assert shop.check() == []
