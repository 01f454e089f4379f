"""The audit log names every action the services record, and what each is about."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import bazaar_pos.services
from bazaar_pos.services.audit_log import AuditFilter
from bazaar_pos.services.catalogue import ProductDraft
from bazaar_pos.store.types import utcnow
from bazaar_pos.ui.audit.labels import ACTION_LABELS
from bazaar_pos.ui.audit.model import about_text

SERVICES = Path(bazaar_pos.services.__file__).parent
WRITERS = {"record_event": 1, "_audit": 1, "event_values": 0}
"""The functions that write an audit event, and where their action code is among the arguments."""


def recorded_actions() -> set[str]:
    """Every action code written as a literal where the services record an audit event."""
    found = set()
    for source in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in WRITERS or len(node.args) <= WRITERS[name]:
                continue
            action = node.args[WRITERS[name]]
            options = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            found |= {o.value for o in options if isinstance(o, ast.Constant)}
    return found


def test_every_action_the_services_record_has_a_readable_name():
    actions = recorded_actions()
    assert {"sale.completed", "discount.above_limit", "product.created", "event.opened"} <= actions
    assert sorted(actions - ACTION_LABELS.keys()) == []


def test_a_product_is_named_by_its_sku_not_its_uuid(shop):
    shop.catalogue.create(ProductDraft("KOP-1", "Kopi", 95_000))
    now = utcnow()
    where = AuditFilter(now - timedelta(minutes=5), now + timedelta(minutes=5), None, None)
    (entry,) = [e for e in shop.audit.find(where) if e.action == "product.created"]
    assert len(entry.entity_ref) == 32  # kept by its UUID
    assert about_text(entry) == "Product KOP-1"
