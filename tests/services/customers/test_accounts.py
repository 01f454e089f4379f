"""The kasbon ledger in a real SQLite file: balance from entries, repayments, write-offs, aging."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receivables import AgeBucket, EntryKind
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import AccountEntry
from tests.helpers.audit import audit
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


def _charge(shop, customer_id, amount, *, at=None, due=None):
    with shop.db.writing() as session:
        entry = add_entry(
            session,
            customer_id,
            EntryKind.CHARGE,
            amount,
            till_id=shop.settings.load().till_id,
            due_on=due,
        )
        if at is not None:
            session.execute(
                update(AccountEntry).where(AccountEntry.id == entry.id).values(created_at=at)
            )


@pytest.fixture
def sari(shop):
    return shop.customers.add(CustomerDraft("Bu Sari", "081234567890", credit_limit=500_000))


def test_the_balance_is_the_sum_of_the_ledger_and_a_repayment_lowers_it(shop, sari):
    _charge(shop, sari.id, 305_000)
    paid = shop.accounts.repay(sari.id, 105_000, PaymentMethod.QRIS, reference="QR-1")
    assert (paid.kind, paid.amount, paid.balance_after) == (EntryKind.REPAYMENT, -105_000, 200_000)
    assert shop.customers.get(sari.id).owed == 200_000
    assert shop.customers.get(sari.id).room == 300_000
    statement = shop.accounts.statement(sari.id)
    assert [(e.kind, e.balance_after) for e in statement.entries] == [
        (EntryKind.CHARGE, 305_000),
        (EntryKind.REPAYMENT, 200_000),
    ]
    assert (statement.opening, statement.closing) == (0, 200_000)
    assert audit(shop, "kasbon.repayment")[0][1]["owed_before"] == 305_000


def test_more_than_is_owed_is_refused_and_nothing_is_written(shop, sari):
    _charge(shop, sari.id, 50_000)
    with pytest.raises(ValidationError, match="more than the customer owes"):
        shop.accounts.repay(sari.id, 50_001)
    with pytest.raises(ValidationError, match="cash, by QRIS or by transfer"):
        shop.accounts.repay(sari.id, 1_000, PaymentMethod.CARD)
    assert len(shop.accounts.entries(sari.id)) == 1
    assert shop.accounts.total_owed() == 50_000


def test_writing_off_is_the_owners_decision_with_a_reason(staffed_db_path):
    shop = Shop.open(staffed_db_path)
    try:
        act_as(shop, CASHIER)
        sari = shop.customers.add(CustomerDraft("Bu Sari"))
        _charge(shop, sari.id, 80_000)
        with pytest.raises(PermissionDenied):
            shop.accounts.write_off(sari.id, 80_000, reason="pindah kota")
        approval = shop.access.approve(OWNER_PIN, frozenset({Permission.WRITE_OFF_DEBT}))
        with pytest.raises(ValidationError, match="Say why"):
            shop.accounts.write_off(sari.id, 80_000, reason=" ", approval=approval)
        shop.accounts.write_off(sari.id, 80_000, reason="pindah kota", approval=approval)
        assert shop.customers.get(sari.id).owed == 0
        actor, details = audit(shop, "kasbon.write_off")[0]
        assert (actor, details["approved_by"], details["amount"]) == (CASHIER, OWNER, 80_000)
    finally:
        shop.close()


def test_receivables_split_what_is_owed_by_age_with_the_oldest_settled_first(shop, sari):
    _charge(shop, sari.id, 100_000, at=datetime(2026, 8, 1, 5, tzinfo=UTC), due=date(2026, 8, 31))
    _charge(shop, sari.id, 40_000, at=datetime(2026, 11, 20, 5, tzinfo=UTC))
    shop.accounts.repay(sari.id, 30_000)
    budi = shop.customers.add(CustomerDraft("Pak Budi"))
    _charge(shop, budi.id, 10_000, at=datetime(2026, 12, 1, 5, tzinfo=UTC))
    found = shop.accounts.receivables(today=date(2026, 12, 7))
    assert [r.customer.name for r in found] == ["Bu Sari", "Pak Budi"]
    assert found[0].buckets == {
        AgeBucket.UP_TO_30: 40_000,
        AgeBucket.UP_TO_60: 0,
        AgeBucket.UP_TO_90: 0,
        AgeBucket.OVER_90: 70_000,
    }
    assert (found[0].overdue, found[0].next_due) == (70_000, date(2026, 8, 31))
    assert shop.accounts.total_owed() == 120_000


def test_a_statement_from_a_date_opens_with_the_balance_before_it(shop, sari):
    _charge(shop, sari.id, 100_000, at=datetime(2026, 10, 1, 5, tzinfo=UTC))
    _charge(shop, sari.id, 20_000, at=datetime(2026, 12, 1, 5, tzinfo=UTC))
    statement = shop.accounts.statement(sari.id, start=datetime(2026, 11, 1, tzinfo=UTC))
    assert (statement.opening, len(statement.entries), statement.closing) == (100_000, 1, 120_000)
