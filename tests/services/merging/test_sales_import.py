import pytest
from sqlalchemy import select

from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.store.models import Payment, Sale, SaleLine
from tests.conftest import JAKARTA


@pytest.fixture
def stocked(add_product):
    return {
        "coffee": add_product("KOP-1", "Kopi", 95_000, barcode="8991234500164", stock=10),
        "cup": add_product("KRM-1", "Gelas", 55_000, stock=1),
    }


def test_orders_become_sales_and_a_second_import_adds_nothing(shop, stocked, write_csv):
    path = write_csv(
        "order_ref,date,sku,qty,unit_price,payment,channel\n"
        "SP-1,2026-11-20,KOP-1,2,90000,transfer,shopee\n"
        "SP-1,2026-11-20,8991234500164,1,,transfer,shopee\n"
        "NB-7,21/11/2026 14:30,KRM-1,3,,,\n"
    )
    summary = shop.sales_import.import_csv(path)
    assert (summary.imported, summary.lines, summary.skipped) == (2, 3, 0)
    assert summary.below_zero == ("KRM-1",)
    with shop.db.reading() as session:
        sales = {s.external_ref: s for s in session.scalars(select(Sale))}
        assert sales["SP-1"].channel == "shopee"
        assert sales["SP-1"].total_minor == 2 * 90_000 + 95_000
        assert sales["NB-7"].channel == "import"
        assert (
            sales["NB-7"].created_at.astimezone(JAKARTA).strftime("%d/%m/%Y %H:%M")
            == "21/11/2026 14:30"
        )
        methods = {p.sale.external_ref: p.method for p in session.scalars(select(Payment))}
        assert methods == {"SP-1": "transfer", "NB-7": "cash"}
    assert shop.catalogue.get(stocked["cup"].id).stock_milli == whole(-2)
    again = shop.sales_import.import_csv(path)
    assert (again.imported, again.skipped) == (0, 2)
    assert shop.check() == []


def test_imported_cash_sales_are_not_rounded(shop, stocked, write_csv):
    shop.settings.update(cash_rounding_step=1000)
    shop.sales_import.import_csv(
        write_csv("order_ref,date,sku,qty,unit_price\nX,2026-01-02,KOP-1,1,95050\n")
    )
    assert shop.check() == []


def test_a_file_with_bad_rows_writes_no_sale(shop, stocked, write_csv):
    path = write_csv(
        "order_ref,date,sku,qty,payment\n"
        "A,2026-11-20,KOP-1,1,cash\n"
        "B,11/20/2026,KOP-1,1,cash\n"
        "C,2026-11-20,NOPE,0,bitcoin\n"
        ",2026-11-20,KOP-1,,\n"
        "A,2026-11-21,KOP-1,1,cash\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.sales_import.import_csv(path)
    assert refused.value.problems == [
        "Line 3, column date: '11/20/2026' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        "Line 4, column sku: no product has SKU or barcode 'NOPE'",
        "Line 4, column qty: '0': a quantity must be more than zero",
        "Line 4, column payment: 'bitcoin' is not a payment method"
        " (cash, qris, transfer, card, ewallet, account)",
        "Line 5, column order_ref: the order reference is empty",
        "Line 5, column qty: a quantity is required",
        "Line 6, column order_ref: order A has another date, payment or customer"
        " on an earlier line",
    ]
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(stocked["coffee"].id).stock_milli == whole(10)


def test_imported_qris_and_ewallet_orders_were_settled_elsewhere(shop, stocked, write_csv):
    path = write_csv(
        "order_ref,date,sku,qty,unit_price,payment,channel\n"
        "TK-1,2026-11-20,KOP-1,1,,qris,tokopedia\n"
        "TK-2,2026-11-20,KOP-1,1,,ewallet,tokopedia\n"
    )
    assert shop.sales_import.import_csv(path).imported == 2
    with shop.db.reading() as session:
        rows = [(p.method, p.status) for p in session.scalars(select(Payment).order_by(Payment.id))]
    assert rows == [("qris", "confirmed"), ("ewallet", "confirmed")]
    assert shop.payment_confirmation.awaiting() == []


def test_dates_are_read_as_the_command_line_reads_them_on_the_shops_clock(shop, stocked, write_csv):
    shop.sales_import.import_csv(
        write_csv(
            "order_ref,date,sku,qty\nA,31-12-2026 23:30,KOP-1,1\nB,2027-01-01T00:15,KOP-1,1\n"
        )
    )
    with shop.db.reading() as session:
        days = {
            s.external_ref: s.created_at.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M")
            for s in session.scalars(select(Sale))
        }
    assert days == {"A": "2026-12-31 23:30", "B": "2027-01-01 00:15"}


def test_goods_sold_by_weight_or_length_take_decimal_quantities(shop, stocked, write_csv):
    beans = shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    cloth = shop.catalogue.create(ProductDraft("LRK-1", "Kain lurik", 85_000, unit=Unit.M))
    path = write_csv(
        "order_ref,date,sku,qty,payment\n"
        'W-1,2026-11-20,BJI-1,"0,25",cash\n'
        "W-1,2026-11-20,LRK-1,1.5,cash\n"
        "W-2,2026-11-20,BJI-1,750 g,qris\n"
    )
    summary = shop.sales_import.import_csv(path)
    assert (summary.imported, summary.lines) == (2, 3)
    with shop.db.reading() as session:
        lines = session.scalars(select(SaleLine).order_by(SaleLine.id)).all()
        assert [
            (line.sku, line.quantity_milli, line.unit, line.line_total_minor) for line in lines
        ] == [
            ("BJI-1", 250, "kg", 45_000),
            ("LRK-1", 1_500, "m", 127_500),
            ("BJI-1", 750, "kg", 135_000),
        ]
    assert shop.catalogue.get(beans.id).stock_milli == -1_000
    assert shop.catalogue.get(cloth.id).stock_milli == -1_500
    assert shop.check() == []


def test_a_part_of_a_piece_refuses_the_whole_file(shop, stocked, write_csv):
    path = write_csv(
        "order_ref,date,sku,qty,payment\n"
        "P-1,2026-11-20,KOP-1,2,cash\n"
        'P-2,2026-11-20,KRM-1,"1,5",cash\n'
    )
    with pytest.raises(ValidationError) as refused:
        shop.sales_import.import_csv(path)
    assert refused.value.problems == [
        "Line 3, column qty: '1,5': this product is sold by the piece, not in parts"
    ]
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(stocked["coffee"].id).stock_milli == whole(10)


@pytest.fixture
def weighed(shop):
    """Coffee beans by the kg (PLU 42) and sachets by the piece (PLU 9), both in stock."""
    beans = shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi biji Gayo", 180_000, cost=110_000, unit=Unit.KG, plu="42")
    )
    sachet = shop.catalogue.create(ProductDraft("SCH-1", "Kopi sachet", 15_000, plu="9"))
    shop.stock.receive(beans.id, 5_000)
    shop.stock.receive(sachet.id, whole(20))
    return {"beans": beans, "sachet": sachet}


def test_label_scale_codes_in_the_sku_column_sell_their_weight_or_price(
    shop, weighed, write_csv
):
    path = write_csv(
        "order_ref,date,sku,qty,unit_price\n"
        "M-1,2026-11-20,2100042002500,,\n"  # 250 g of beans
        "M-1,2026-11-20,2300042288502,1,\n"  # beans priced Rp28.850 by the scale
        "M-2,2026-11-20,2300009450003,,\n"  # three sachets, Rp45.000
        "M-2,2026-11-20,2100042001008,1,200000\n"  # 100 g at the file's price per kg
    )
    summary = shop.sales_import.import_csv(path)
    assert (summary.imported, summary.lines) == (2, 4)
    with shop.db.reading() as session:
        lines = session.scalars(select(SaleLine).order_by(SaleLine.id)).all()
        assert [(line.sku, line.quantity_milli, line.line_total_minor) for line in lines] == [
            ("BJI-1", 250, 45_000),
            ("BJI-1", 160, 28_850),
            ("SCH-1", 3_000, 45_000),
            ("BJI-1", 100, 20_000),
        ]
    assert shop.catalogue.get(weighed["beans"].id).stock_milli == 5_000 - 250 - 160 - 100
    assert shop.check() == []


def test_a_bad_scale_code_names_its_line_and_column_and_refuses_the_file(
    shop, weighed, write_csv
):
    path = write_csv(
        "order_ref,date,sku,qty\n"
        "A,2026-11-20,2100042002500,\n"
        "B,2026-11-20,2100077002506,\n"
        "C,2026-11-20,2100009002505,\n"
        "D,2026-11-20,2300009200004,\n"
        "E,2026-11-20,2100042002500,2\n"
    )
    with pytest.raises(ValidationError, match="nothing was changed") as refused:
        shop.sales_import.import_csv(path)
    assert refused.value.problems == [
        "Line 3, column sku: no product has the PLU 77 of the scale code 2100077002506",
        "Line 4, column sku: The label gives 250 g of Kopi sachet, but Kopi sachet is not "
        "sold by weight.",
        "Line 5, column sku: The label prices Kopi sachet at Rp20.000, which is not a whole "
        "number of pieces at Rp15.000 each.",
        "Line 6, column qty: a scale code carries its own weight or price: leave qty empty or 1",
    ]
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []


def test_a_dry_run_checks_the_file_and_says_what_would_happen_writing_nothing(
    shop, stocked, write_csv
):
    path = write_csv(
        "order_ref,date,sku,qty,payment\n"
        "D-1,2026-11-20,KOP-1,3,cash\n"
        "D-1,2026-11-20,KRM-1,2,cash\n"
        "D-2,2026-11-21,KOP-1,1,cash\n"
    )
    summary = shop.sales_import.import_csv(path, dry_run=True)
    assert (summary.dry_run, summary.imported, summary.lines, summary.skipped) == (True, 2, 3, 0)
    assert summary.below_zero == ("KRM-1",)  # one glass in stock, two in the file
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(stocked["cup"].id).stock_milli == whole(1)
    shop.sales_import.import_csv(path)
    again = shop.sales_import.import_csv(path, dry_run=True)
    assert (again.imported, again.skipped) == (0, 2)


def test_a_customer_column_names_the_buyer_and_kasbon_goes_on_their_account(
    shop, stocked, write_csv
):
    from bazaar_pos.services.customers.views import CustomerDraft
    from bazaar_pos.store.models import AccountEntry

    rina = shop.customers.add(CustomerDraft("Bu Rina", "0812 3456 7890", credit_limit=500_000))
    path = write_csv(
        "order_ref,date,sku,qty,payment,customer\n"
        "NB-1,2026-11-20,KOP-1,2,account,bu rina\n"
        "NB-2,2026-11-20,KOP-1,1,cash,0812-3456-7890\n"
        "NB-3,2026-11-20,KOP-1,1,cash,\n"
    )
    shop.sales_import.import_csv(path)
    with shop.db.reading() as session:
        buyers = {s.external_ref: s.customer_id for s in session.scalars(select(Sale))}
        assert buyers == {"NB-1": rina.id, "NB-2": rina.id, "NB-3": None}
        entry = session.scalars(select(AccountEntry)).one()
        assert (entry.kind, entry.amount_minor) == ("charge", 190_000)
    assert shop.customers.get(rina.id).owed == 190_000


def test_an_unknown_customer_or_kasbon_without_one_refuses_the_file(shop, stocked, write_csv):
    path = write_csv(
        "order_ref,date,sku,qty,payment,customer\n"
        "NB-1,2026-11-20,KOP-1,1,cash,Pak Joko\n"
        "NB-2,2026-11-20,KOP-1,1,account,\n"
    )
    with pytest.raises(ValidationError) as refused:
        shop.sales_import.import_csv(path)
    assert refused.value.problems == [
        "Line 2, column customer: no customer has the name or phone 'Pak Joko'",
        "Line 3, column payment: kasbon (account) needs a customer in the customer column",
    ]
    assert shop.sales_history.find() == []
