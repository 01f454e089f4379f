"""The audit log: found by date, user and action, exported to CSV, and impossible to change."""

from __future__ import annotations

import csv
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.people.audit_log import AuditFilter
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import AuditEvent
from tests.helpers.users import CASHIER, CASHIER_PIN, OWNER, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def shop(db_path):
    opened = Shop.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def logged(shop, add_product, sell):
    """A cashier's sign-in and sale, then the owner's stock adjustment."""
    shop.access.sign_in(CASHIER, CASHIER_PIN)
    product = add_product(stock=5)
    sell((product, 1))
    act_as(shop, OWNER)
    shop.stock.adjust(product.id, whole(-1), note="cracked")
    return shop


def test_events_are_found_by_user_action_and_date(logged):
    everything = [e for e in logged.audit.find() if not e.action.startswith("product.")]
    assert [e.action for e in everything][:3] == [
        "stock.adjusted",
        "sale.completed",
        "user.signed_in",
    ]
    assert {e.action for e in logged.audit.find(AuditFilter(actor=CASHIER))} == {
        "user.signed_in",
        "sale.completed",
    }
    (adjusted,) = logged.audit.find(AuditFilter(action="stock.adjusted"))
    assert (adjusted.actor, adjusted.details["note"]) == (OWNER, "cracked")
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert logged.audit.find(AuditFilter(start=tomorrow)) == []
    assert CASHIER in logged.audit.actors()
    assert "user.added" in logged.audit.actions()


def test_the_log_exports_to_csv_oldest_first(logged, tmp_path):
    count = logged.audit.export_csv(tmp_path / "audit.csv", AuditFilter(actor=CASHIER))
    with (tmp_path / "audit.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == 2
    assert [r["action"] for r in rows] == ["user.signed_in", "sale.completed"]
    assert rows[1]["user"] == CASHIER
    assert '"number": "A-000001"' in rows[1]["details"]


def test_the_log_cannot_be_changed_through_the_app(logged):
    before = [(e.id, e.actor, e.action) for e in logged.audit.find()]
    with pytest.raises(IntegrityError, match="append-only"), logged.db.writing() as session:
        session.execute(update(AuditEvent).values(actor="someone else"))
    with pytest.raises(IntegrityError, match="append-only"), logged.db.writing() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.action == "stock.adjusted"))
    with logged.db.writing() as session:
        event = session.get(AuditEvent, before[0][0])
        event.details = "{}"
        with pytest.raises(IntegrityError, match="append-only"):
            session.flush()
        session.rollback()
    assert [(e.id, e.actor, e.action) for e in logged.audit.find()] == before


def test_a_plain_delete_from_another_sqlite_connection_is_refused_too(logged, db_path):
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_events")
    finally:
        connection.close()
    assert logged.audit.find()


def test_no_service_changes_or_deletes_audit_rows():
    import ast
    from pathlib import Path

    import bazaar_pos

    services = Path(bazaar_pos.__file__).parent / "services"
    offending = []
    for path in sorted(services.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"update", "delete"}
                and any(isinstance(a, ast.Name) and a.id == "AuditEvent" for a in node.args)
            ):
                offending.append(f"{path.relative_to(services)}:{node.lineno}")
    assert offending == []
