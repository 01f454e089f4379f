"""A big sales file is written hundreds of sales to a transaction: whole sales, progress, Stop."""

import pytest
from sqlalchemy import func, select

from bazaar_pos.errors import UserError
from bazaar_pos.progress import Cancelled, Progress
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.selling import checkout
from bazaar_pos.services.selling.sale_rows import SaleRows
from bazaar_pos.store.models import AccountEntry, AuditEvent, Sale, SaleLine, StockMovement


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(checkout, "SALES_PER_TRANSACTION", 3)


def _file(write_csv, count: int, *, kasbon_at: int | None = None) -> object:
    rows = ["order_ref,date,sku,qty,payment,customer"]
    for n in range(1, count + 1):
        pay, who = ("account", "Bu Rina") if n == kasbon_at else ("cash", "")
        rows.append(f"NB-{n},2026-11-{n:02d} 10:00,KOP-1,1,{pay},{who}")
        rows.append(f"NB-{n},2026-11-{n:02d} 10:00,GLS-1,2,{pay},{who}")
    return write_csv("\n".join(rows) + "\n")


def _counts(shop) -> tuple[int, int, int, int]:
    with shop.db.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (Sale, SaleLine, StockMovement, AuditEvent)
        )


def test_sales_across_transactions_are_numbered_and_counted_like_sales_rung_up_one_by_one(
    shop, add_product, write_csv, small_batches
):
    coffee = add_product("KOP-1", "Kopi", 95_000, stock=20)
    glass = add_product("GLS-1", "Gelas", 15_000, stock=20)
    rina = shop.customers.add(CustomerDraft("Bu Rina", "0812 3456 7890", credit_limit=500_000))
    reports: list[tuple[str, int, int]] = []

    summary = shop.sales_import.import_csv(
        _file(write_csv, 8, kasbon_at=5),
        progress=Progress(lambda what, done, total: reports.append((what, done, total))),
    )

    assert (summary.imported, summary.lines) == (8, 16)
    with shop.db.reading() as session:
        sales = session.scalars(select(Sale).order_by(Sale.id)).all()
        assert [s.number for s in sales] == [f"{sales[0].number[:-6]}{n:06d}" for n in range(1, 9)]
        assert [s.external_ref for s in sales] == [f"NB-{n}" for n in range(1, 9)]
        assert all(len(s.lines) == 2 and s.total_minor == 125_000 for s in sales)
        charge = session.scalars(select(AccountEntry)).one()
        assert (charge.sale_id, charge.amount_minor) == (sales[4].id, 125_000)
        moves = session.scalars(select(StockMovement).where(StockMovement.reason == "sale")).all()
        assert len(moves) == 16
    assert shop.catalogue.get(coffee.id).stock_milli == 12_000
    assert shop.catalogue.get(glass.id).stock_milli == 4_000
    assert shop.customers.get(rina.id).owed == 125_000
    assert reports[0] == ("Checking data.csv", 0, 0)
    assert ("Importing sales", 8, 8) in reports
    assert shop.check() == []


def test_stop_between_transactions_keeps_whole_sales_and_the_file_carries_on(
    shop, add_product, write_csv, small_batches, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=20)
    add_product("GLS-1", "Gelas", 15_000, stock=20)
    path = _file(write_csv, 7)
    before = _counts(shop)
    progress = Progress()
    real_write = SaleRows.write

    def write_then_stop(rows: SaleRows) -> list[int]:
        written = real_write(rows)
        progress.cancel()  # Stop pressed while the first three sales were being written
        return written

    monkeypatch.setattr(SaleRows, "write", write_then_stop)
    with pytest.raises(UserError, match="Stopped after 3 of 7 sales, each recorded whole"):
        shop.sales_import.import_csv(path, progress=progress)

    sales, lines, _moves, _events = _counts(shop)
    assert (sales - before[0], lines - before[1]) == (3, 6)
    monkeypatch.setattr(SaleRows, "write", real_write)
    again = shop.sales_import.import_csv(path)
    assert (again.imported, again.skipped) == (4, 3)
    assert shop.check() == []


def test_cancel_before_the_first_sale_is_written_changes_nothing(
    shop, add_product, write_csv, small_batches
):
    add_product("KOP-1", "Kopi", 95_000, stock=20)
    add_product("GLS-1", "Gelas", 15_000, stock=20)
    path = _file(write_csv, 4)
    before = _counts(shop)
    progress = Progress()
    progress.cancel()

    with pytest.raises(Cancelled):
        shop.sales_import.import_csv(path, progress=progress)

    assert _counts(shop) == before


def test_a_sale_refused_in_the_second_transaction_leaves_the_first_whole(
    shop, add_product, write_csv, small_batches, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=20)
    add_product("GLS-1", "Gelas", 15_000, stock=20)
    path = _file(write_csv, 5)
    before = _counts(shop)
    real_add = SaleRows.add
    added = []

    def refuse_the_fifth(rows: SaleRows, *args: object, **kwargs: object) -> object:
        added.append(1)
        if len(added) == 5:
            raise UserError("the fifth sale is refused")
        return real_add(rows, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SaleRows, "add", refuse_the_fifth)
    with pytest.raises(UserError, match="fifth"):
        shop.sales_import.import_csv(path)

    sales, lines, moves, _events = _counts(shop)
    assert (sales - before[0], lines - before[1], moves - before[2]) == (3, 6, 6)
    assert shop.check() == []
