from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from bazaar_pos.store.models import Sale
from bazaar_pos.store.sqltime import local_day, local_hour


def test_local_hour_and_day_shift_stored_utc_times_on_sqlite(shop, add_product, sell_at):
    kopi = add_product()
    sell_at(datetime(2026, 11, 20, 16, 59, 59, 999_999, tzinfo=UTC), [(kopi, 1)])
    sell_at(datetime(2026, 11, 20, 17, 0, tzinfo=UTC), [(kopi, 1)])
    query = select(local_day(Sale.created_at, 420), local_hour(Sale.created_at, 420)).order_by(
        Sale.id
    )
    with shop.db.reading() as session:
        assert session.execute(query).all() == [("2026-11-20", 23), ("2026-11-21", 0)]
        west = select(local_hour(Sale.created_at, -300)).order_by(Sale.id)
        assert session.scalars(west).all() == [11, 12]


def test_postgresql_gets_interval_arithmetic():
    sql = str(
        select(local_day(Sale.created_at, 420), local_hour(Sale.created_at, 420)).compile(
            dialect=postgresql.dialect()
        )
    )
    assert "make_interval(mins =>" in sql
    assert "to_char(" in sql
    assert "EXTRACT(HOUR FROM" in sql
