"""A restore says how far the copy got; a cancel before it is whole changes nothing."""

import pytest

from bazaar_pos.progress import Cancelled
from bazaar_pos.store import copying
from tests.helpers.progress import every_report
from tests.services.safety.test_backups import dump, sales_in, sell


@pytest.fixture
def small_steps(monkeypatch):
    """Copy a few pages a step, so even a small test database takes several."""
    monkeypatch.setattr(copying, "PAGES_PER_STEP", 4)


def test_a_restore_says_it_checks_then_copies_page_by_page(shop, add_product, cart_of, small_steps):
    kopi = add_product(stock=10)
    sell(shop, cart_of, kopi)
    backup = shop.backups.back_up("manual").made[0]
    sell(shop, cart_of, kopi, 3)
    heard = []
    result = shop.backups.restore(backup, progress=every_report(heard))
    assert result.restored.sales == 1
    assert heard[0] == ("Checking the backup", 0, 0)
    copied = [(done, total) for what, done, total in heard if what == "Copying the backup"]
    pages = copied[-1][1]
    assert pages > 8
    assert copied[-1] == (pages, pages)
    assert [done for done, _total in copied[1:]] == sorted(done for done, _total in copied[1:])
    assert len(copied) > 3  # seen growing, not only at the end


def test_a_cancelled_restore_leaves_the_shop_and_its_folder_as_they_were(
    shop, add_product, cart_of, db_path, small_steps
):
    kopi = add_product(stock=10)
    backup = shop.backups.back_up("manual").made[0]
    sell(shop, cart_of, kopi, 2)
    before = dump(db_path)
    files = sorted(db_path.parent.rglob("*"))

    def cancel_half_way(what, done, total):
        if what == "Copying the backup" and 0 < total < 2 * done:
            stopping.cancel()

    stopping = every_report([], cancel_half_way)
    with pytest.raises(Cancelled):
        shop.backups.restore(backup, progress=stopping)
    assert sorted(db_path.parent.rglob("*")) == files  # no copy left beside the database
    assert dump(db_path) == before
    assert sales_in(db_path) == 1
    sell(shop, cart_of, kopi)  # the shop goes on as before
    assert sales_in(db_path) == 2


def test_a_cancel_once_the_copy_is_whole_still_changes_nothing(shop, db_path):
    backup = shop.backups.back_up("manual").made[0]
    before = dump(db_path)

    def cancel_at_the_last_page(what, done, total):
        if what == "Copying the backup" and done == total > 0:
            stopping.cancel()

    stopping = every_report([], cancel_at_the_last_page)
    with pytest.raises(Cancelled):
        shop.backups.restore(backup, progress=stopping)
    assert not list(db_path.parent.glob(".*restoring*"))
    assert dump(db_path) == before
