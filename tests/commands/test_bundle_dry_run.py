"""``bazaar-pos bundle import --dry-run`` says what a merge would do and writes nothing."""

import hashlib
import shutil
import sqlite3

import pytest

from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.shop import Shop
from tests.conftest import JAKARTA
from tests.helpers.cli import bazaar_pos
from tests.helpers.customers import map_code, marketplace_return, member, pre_order
from tests.helpers.sales import sell, utc
from tests.services.hub.conftest import add


def run(*args):
    """Run ``bazaar-pos`` in Jakarta's time zone, as a stall owner there would."""
    return bazaar_pos(*args, env={"TZ": "Asia/Jakarta"})


def kasbon(shop, customer, amount):
    """A charge to ``customer``'s kasbon on ``shop``, as an opening balance is written."""
    till_id = shop.settings.load().till_id
    with shop.db.writing() as session:
        add_entry(session, customer.id, EntryKind.CHARGE, amount, till_id=till_id)


def open_till(template_db, tmp_path, code):
    path = tmp_path / f"{code}.sqlite"
    shutil.copyfile(template_db, path)
    shop = Shop.open(path, zone=JAKARTA)
    shop.settings.update(till_code=code, shop_name="Batik Sari")
    add(shop, "BTK-T", "Batik tulis", 350_000, quantity=5)
    add(shop, "BTK-C", "Batik cap", 150_000)
    return shop


@pytest.fixture
def tills(template_db, tmp_path):
    """Till A sold on kasbon, took a pre-order, mapped codes and had a return; B merged part."""
    a = open_till(template_db, tmp_path, "A")
    b = open_till(template_db, tmp_path, "B")
    tulis = a.catalogue.find_by_code("BTK-T")
    ani = member(a, "Bu Ani", "081234567890", group="Reseller")
    sell(a, utc(2026, 12, 7, 2), [(tulis, 1)])
    kasbon(a, ani, 350_000)
    a.bundles.export(tmp_path / "early.zip")
    b.bundles.import_files([tmp_path / "early.zip"])  # what B has already
    member(a, "Pak Budi", "081311112222")
    pre_order(a, ani, tulis, 500_000)
    map_code(a, "kain parang", "BTK-T")
    map_code(b, "kain parang", "BTK-C")  # mapped later on B: a clash
    marketplace_return(a, utc(2026, 12, 7, 3), tulis)
    a.bundles.export(tmp_path / "a.zip")
    path = b.db.path
    a.close()
    b.close()
    return tmp_path / "a.zip", path


def state(path):
    """Every table's row count and a checksum of the whole dump of the database at ``path``."""
    with sqlite3.connect(path) as con:
        tables = [
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        dump = hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    con.close()
    return counts, dump


def folder(path):
    """The files beside the database, but the lock every command holds while it runs."""
    return sorted(p for p in path.parent.rglob("*") if p.suffix != ".lock")


def test_a_dry_run_says_what_merging_would_do_and_leaves_the_file_as_it_was(tills):
    bundle, organiser = tills
    before = state(organiser)
    files = folder(organiser)
    watcher = sqlite3.connect(organiser)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    done = run("--db", organiser, "bundle", "import", "--dry-run", bundle)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Only checked: nothing was written. Importing would do this:",
        "Sales: 1 new, 1 already here.",
        "Stock movements: 1 new, 2 already here.",
        "Customer groups: 0 new or changed, 1 already here or clashing, 0 left out.",
        "Customers: 1 new or changed, 1 already here or clashing, 0 left out.",
        "Kasbon entries: 0 new or changed, 1 already here or clashing, 0 left out.",
        "Pre-orders: 1 new or changed, 0 already here or clashing, 0 left out.",
        "Marketplace mappings: 0 new or changed, 1 already here or clashing, 0 left out.",
        "Marketplace returns: 1 new or changed, 0 already here or clashing, 0 left out.",
        "kain parang: mapped to BTK-T and to BTK-C; BTK-T was kept",
    ]
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    watcher.close()
    assert state(organiser) == before
    assert folder(organiser) == files  # no backup or other file either
    merged = run("--db", organiser, "bundle", "import", bundle)  # the real merge agrees
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.splitlines()[0] == (
        "Sales merged: 1. Stock movements merged: 1. Sales already here: 1."
    )
    assert state(organiser) != before


def test_a_damaged_bundle_is_refused_with_its_reason_and_nothing_is_written(tills, tmp_path):
    bundle, organiser = tills
    before = state(organiser)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bundle.read_bytes()[:-40])
    done = run("--db", organiser, "bundle", "import", "--dry-run", damaged)
    assert (done.returncode, done.stdout) == (1, "")
    assert "damaged.zip" in done.stderr
    assert "nothing was imported" in done.stderr or "not a Bazaar POS bundle" in done.stderr
    assert state(organiser) == before


def test_a_dry_run_says_what_would_be_left_out_and_why(template_db, tmp_path):
    a = open_till(template_db, tmp_path, "A")
    tulis = a.catalogue.find_by_code("BTK-T")
    marketplace_return(a, utc(2026, 12, 7, 3), tulis)
    bundle = tmp_path / "later.zip"
    a.bundles.export(bundle, first=utc(2026, 12, 9, 0).date())  # the sale returned stays out
    a.close()
    organiser = open_till(template_db, tmp_path, "C")  # BTK-T is here; the sale is not
    organiser.close()
    before = state(organiser.db.path)
    done = run("--db", organiser.db.path, "bundle", "import", "--dry-run", bundle)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Only checked: nothing was written. Importing would do this:",
        "Sales: 0 new, 0 already here.",
        "Stock movements: 0 new, 0 already here.",
        "Marketplace returns: 0 new or changed, 0 already here or clashing, 1 left out.",
        "Left out until the bundle that has what they need is imported: "
        "its sale is not here yet.",
    ]
    assert state(organiser.db.path) == before
