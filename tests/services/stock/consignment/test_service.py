from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.stock.consignment.views import ConsignorDraft

DAY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


@pytest.fixture
def maker(shop):
    return shop.consignment.add_consignor(
        ConsignorDraft("Ibu Sari", phone="0812-1111-2222", commission=Commission.percent(20))
    )


@pytest.fixture
def sell(shop, cart_of):
    def make(*items, at=DAY):
        cart = cart_of(*items)
        total = cart.totals().total
        return shop.checkout.complete_sale(cart, [Tender(PaymentMethod.QRIS, total)], sold_at=at)

    return make


def test_consignors_are_kept_by_unique_name(shop, maker):
    assert shop.consignment.consignors() == [maker]
    changed = shop.consignment.update_consignor(
        maker.id, ConsignorDraft("Ibu  Sari ", commission=Commission.fixed(5_000), active=False)
    )
    assert (changed.name, changed.commission) == ("Ibu Sari", Commission.fixed(5_000))
    assert shop.consignment.consignors() == []
    assert shop.consignment.consignors(include_inactive=True) == [changed]
    with pytest.raises(ValidationError, match="already a consignor"):
        shop.consignment.add_consignor(ConsignorDraft("ibu sari"))
    with pytest.raises(ValidationError, match="empty"):
        shop.consignment.add_consignor(ConsignorDraft(" "))
    with pytest.raises(NotFoundError):
        shop.consignment.get_consignor(99)


def test_goods_come_in_from_and_go_back_to_the_consignor_through_the_ledger(shop, maker):
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    assert shop.consignment.receive(bowl.id, whole(6), note="titip 6") == whole(6)
    assert shop.consignment.return_goods(bowl.id, whole(2)) == whole(4)
    history = shop.stock.history(bowl.id)
    assert [(m.reason, m.quantity_milli) for m in history] == [
        (StockReason.CONSIGN_RETURN, whole(-2)),
        (StockReason.CONSIGN_IN, whole(6)),
    ]
    assert shop.consignment.products_of(maker.id)[0].stock_milli == whole(4)
    own = shop.catalogue.create(ProductDraft("OWN-1", "Own", 1))
    with pytest.raises(ValidationError, match="no consignor"):
        shop.consignment.receive(own.id, whole(1))
    with pytest.raises(ValidationError, match="more than zero"):
        shop.consignment.return_goods(bowl.id, whole(0))


def test_a_statement_lists_what_sold_and_what_the_maker_is_owed(shop, maker, sell, add_product):
    bowl = shop.catalogue.create(
        ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id)
    )  # no commission of its own: the consignor's 20%
    vase = shop.catalogue.create(
        ProductDraft(
            "VAS-1", "Vas", 150_000, consignor_id=maker.id, commission=Commission.fixed(25_000)
        )
    )
    own = add_product("KOP-1", price=95_000)
    shop.consignment.receive(bowl.id, whole(5))
    shop.consignment.receive(vase.id, whole(2))
    sell((bowl, 2), (own, 1))
    sell((vase, 1), at=DAY + timedelta(hours=2))
    sell((bowl, 1), at=DAY + timedelta(days=3))
    statement = shop.consignment.statement(
        maker.id, DAY - timedelta(hours=3), DAY + timedelta(days=1)
    )
    assert [
        (line.sku, line.quantity_milli // 1000, line.amount, line.commission, line.owed)
        for line in statement.lines
    ] == [
        ("MGK-1", 2, 120_000, 24_000, 96_000),
        ("VAS-1", 1, 150_000, 25_000, 125_000),
    ]
    assert (statement.items, statement.sales, statement.commission, statement.owed) == (
        3,
        270_000,
        49_000,
        221_000,
    )
    assert not statement.settled
    assert [
        s.consignor.name
        for s in shop.consignment.owed(DAY - timedelta(days=1), DAY + timedelta(days=9))
    ] == ["Ibu Sari"]


def test_settling_records_the_lines_once_and_never_touches_sales(shop, maker, sell):
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(5))
    sale = sell((bowl, 2))
    start, end = DAY - timedelta(days=1), DAY + timedelta(days=1)
    settled = shop.consignment.settle(maker.id, start, end, note="paid in cash")
    assert settled.settled
    assert settled.number == "TJ-A-0001"
    assert (settled.owed, settled.lines[0].sale_number) == (96_000, sale.number)
    assert shop.consignment.statement(maker.id, start, end).lines == ()
    with pytest.raises(ValidationError, match="Nothing"):
        shop.consignment.settle(maker.id, start - timedelta(days=5), end)  # overlapping period
    sell((bowl, 1), at=DAY + timedelta(hours=1))
    second = shop.consignment.settle(maker.id, start, end)
    assert (second.number, second.items) == ("TJ-A-0002", 1)
    listed = shop.consignment.settlements(maker.id)
    assert [(s.number, s.owed, s.lines) for s in listed] == [
        ("TJ-A-0002", 48_000, ()),
        ("TJ-A-0001", 96_000, ()),
    ]
    assert shop.consignment.get_settlement(settled.id) == settled
    assert shop.check() == []


def test_periods_must_make_sense(shop, maker):
    with pytest.raises(ValidationError, match="ends before"):
        shop.consignment.statement(maker.id, DAY, DAY)
    with pytest.raises(NotFoundError):
        shop.consignment.get_settlement(1)


def test_the_slip_is_a_pdf_with_every_line_and_the_amount_owed(shop, maker, sell, tmp_path):
    shop.settings.update(shop_name="Toko Kriya Nusantara")
    bowl = shop.catalogue.create(
        ProductDraft("MGK-1", "Mangkuk Gerabah", 60_000, consignor_id=maker.id)
    )
    shop.consignment.receive(bowl.id, whole(5))
    sell((bowl, 2))
    start, end = DAY - timedelta(days=1), DAY + timedelta(days=1)
    preview = shop.consignment.write_slip(
        shop.consignment.statement(maker.id, start, end), tmp_path / "draft.pdf"
    )
    text = PdfReader(preview).pages[0].extract_text()
    assert "not settled yet" in text
    settled = shop.consignment.settle(maker.id, start, end)
    slip = shop.consignment.write_slip(settled, tmp_path / "nota.pdf")
    text = " ".join(PdfReader(slip).pages[0].extract_text().split())
    for expected in (
        "Toko Kriya Nusantara",
        "Consignment slip",
        "Nota titip jual",
        "TJ-A-0001",
        "Ibu Sari",
        "Mangkuk Gerabah (MGK-1)",
        "Rp120.000",
        "Rp24.000",
        "Rp96.000",
        "Owed to the maker",
    ):
        assert expected in text
