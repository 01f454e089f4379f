"""Prepared statements: compiled once, run on the driver, errors raised as SQLAlchemy would."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, create_engine, select, update
from sqlalchemy.exc import IntegrityError

from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Base, Setting, StockMovement
from bazaar_pos.store.prepared import Prepared

SETTINGS = Setting.__table__
INSERT = Prepared.insert(SETTINGS, ("key", "value"))
FIND = Prepared(
    select(SETTINGS.c.value)
    .where(SETTINGS.c.key.in_([bindparam("a"), bindparam("b"), "fixed"]))
    .order_by(SETTINGS.c.key)
    .limit(2),
    ("b", "a"),
)


def values(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return {s.key: s.value for s in session.scalars(select(Setting))}


def test_values_go_in_the_order_the_sql_needs_with_literals_kept(shop):
    with shop.db.writing_rows() as connection:
        INSERT.execute_many(connection, [("x.a", "1"), ("x.b", "2"), ("fixed", "3")])
        INSERT.execute_many(connection, [])
        found = FIND.execute(connection, ("x.b", "x.a")).fetchall()
    assert found == [("3",), ("1",)]  # LIMIT 2, by key: fixed, x.a


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it_and_nothing_is_kept(shop):
    before = values(shop.db)

    def twice() -> None:
        with shop.db.writing_rows() as connection:
            INSERT.execute(connection, ("x.new", "kept?"))
            INSERT.execute(connection, ("x.new", "twice"))

    with pytest.raises(IntegrityError, match="UNIQUE"):
        twice()
    assert values(shop.db) == before
    with pytest.raises(IntegrityError), shop.db.writing_rows() as connection:
        INSERT.execute_many(connection, [("x.many", "1"), ("x.many", "2")])
    assert values(shop.db) == before


def test_a_connection_without_a_transaction_gets_one(shop):
    with shop.db.engine.connect() as connection:
        INSERT.execute(connection, ("x.begun", "1"))
        assert connection.in_transaction()
        connection.rollback()
    assert "x.begun" not in values(shop.db)


def test_columns_with_python_defaults_must_be_given(shop):
    without_uuid = Prepared.insert(StockMovement.__table__, ("product_id", "quantity_milli"))
    with pytest.raises(ValueError, match="uuid"), shop.db.writing_rows() as connection:
        without_uuid.execute(connection, (1, 1))
    touch = Prepared(update(SETTINGS).values(value=bindparam("v")), ("v",))
    with shop.db.writing_rows() as connection:  # settings have no onupdate: fine
        touch.execute(connection, ("same",))


def test_drivers_that_take_parameters_by_name(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'named.sqlite'}", paramstyle="named")
    Base.metadata.create_all(engine, tables=[SETTINGS])
    assert ":v_key" in INSERT._for(engine.dialect)[0]  # not the ? of the file's own engine
    with engine.begin() as connection:
        INSERT.execute(connection, ("x.a", "1"))
        INSERT.execute_many(connection, [("fixed", "2")])
        assert FIND.execute(connection, ("nothing", "x.a")).fetchall() == [("2",), ("1",)]
    engine.dispose()
