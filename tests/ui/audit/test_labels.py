"""The audit log names every action the services record, and what each is about."""

from __future__ import annotations

import ast
from dataclasses import fields
from datetime import timedelta
from pathlib import Path

import bazaar_pos.services
from bazaar_pos.services.people.access import AccessSettings
from bazaar_pos.services.people.audit_log import AuditFilter
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.store.types import utcnow
from bazaar_pos.ui.audit.details import CHANGES, DETAIL_LABELS
from bazaar_pos.ui.audit.labels import ACTION_LABELS
from bazaar_pos.ui.audit.model import about_text

SERVICES = Path(bazaar_pos.services.__file__).parent
WRITERS = {"record_event": 1, "_audit": 1, "event_values": 0}
"""The functions that write an audit event, and where their action code is among the arguments."""


def recorded_actions() -> set[str]:
    """Every action code written as a literal where the services record an audit event."""
    found = set()
    for source in SERVICES.rglob("*.py"):
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


def _keys_in(node: ast.AST) -> set[str]:
    return {
        key.value
        for found in ast.walk(node)
        if isinstance(found, ast.Dict)
        for key in found.keys
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    }


def recorded_detail_keys() -> set[str]:
    """Every detail key written as a literal where the services build an event's details.

    That is: the ``details=`` of a call writing an event, a function named
    ``details`` or ``_details``, and a variable named ``details``. Changed
    settings are recorded by their field names, so those are added.
    """
    found = {field.name for field in fields(ShopSettings)}
    found |= {field.name for field in fields(AccessSettings)}
    for source in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in WRITERS:
                    found |= {
                        k for kw in node.keywords if kw.arg == "details" for k in _keys_in(kw)
                    }
            elif isinstance(node, ast.FunctionDef) and node.name.lstrip("_") == "details":
                found |= _keys_in(node)
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(getattr(target, "id", None) == "details" for target in targets):
                    found |= _keys_in(node.value)
    return found - {CHANGES}


def test_every_detail_the_services_record_has_a_readable_name():
    keys = recorded_detail_keys()
    assert {"number", "approved_by", "payment", "shop_name", "lock_after_minutes"} <= keys
    assert sorted(keys - DETAIL_LABELS.keys()) == []
