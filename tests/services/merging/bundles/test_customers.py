"""Bundles carry customers, kasbon, pre-orders, marketplace mappings and returns between tills."""

import json
import shutil
import zipfile

import pytest
from sqlalchemy import select

from bazaar_pos.errors import ValidationError
from bazaar_pos.exports.bundle_file import MEMBERS_V1, BundleError, read_bundle, write_bundle
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.merging.bundles.service import describe
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Customer
from tests.conftest import JAKARTA
from tests.helpers.customers import (
    entries,
    map_code,
    mappings,
    mark_ready_with_payment,
    marketplace_return,
    member,
    on_account,
    order_state,
    owed,
    pre_order,
    refunds,
)
from tests.helpers.sales import utc
from tests.services.hub.conftest import add


@pytest.fixture
def two(template_db, tmp_path):
    """Tills A and B of one shop, each with its own catalogue of the same batik."""
    opened = []
    for code in ("A", "B"):
        path = tmp_path / f"{code}.sqlite"
        shutil.copyfile(template_db, path)
        shop = Shop.open(path, zone=JAKARTA)
        shop.settings.update(till_code=code, shop_name="Batik Sari")
        add(shop, "BTK-T", "Batik tulis", 350_000, quantity=5)
        add(shop, "BTK-C", "Batik cap", 150_000)
        opened.append(shop)
    yield tuple(opened)
    for shop in opened:
        shop.close()


def exchange(source, target, path):
    """``source`` exports its bundle to ``path`` and ``target`` imports it."""
    source.bundles.export(path)
    return target.bundles.import_files([path])


def stock(shop):
    return shop.catalogue.find_by_code("BTK-T").stock_milli


def test_a_charge_on_one_till_and_a_repayment_on_another_give_one_balance(two, tmp_path):
    a, b = two
    ani = member(a, "Bu Ani", "0812-3456-7890", group="Reseller")
    on_account(a, utc(2026, 12, 7, 2), a.catalogue.find_by_code("BTK-T"), ani)
    summary = exchange(a, b, tmp_path / "a1.zip")
    assert summary.linked == {"customer_group": 1, "customer": 1, "account_entry": 1}
    there = b.customers.by_uuid(ani.uuid)
    assert (there.name, there.phone, there.group_name) == ("Bu Ani", "6281234567890", "Reseller")
    assert owed(b, ani.uuid) == 350_000
    b.accounts.repay(there.id, 100_000)
    exchange(b, a, tmp_path / "b1.zip")
    assert owed(a, ani.uuid) == owed(b, ani.uuid) == 250_000
    assert entries(a) == entries(b)
    assert len(entries(a)) == 2
    again = a.bundles.import_files([tmp_path / "b1.zip"])  # nothing twice
    assert (again.linked, again.sales_added) == ({}, 0)
    assert b.bundles.import_files([tmp_path / "a1.zip"]).linked == {}
    assert owed(a, ani.uuid) == owed(b, ani.uuid) == 250_000
    assert a.check() == b.check() == []


def test_a_customer_edited_on_two_tills_takes_the_later_edit_and_one_phone_stays_two(two, tmp_path):
    a, b = two
    ani = member(a, "Bu Ani", "081234567890")
    exchange(a, b, tmp_path / "a1.zip")
    there = b.customers.by_uuid(ani.uuid)
    member(a, "Pak Budi", "0813 1111 2222")  # the same man added on both tills, apart
    member(b, "Budi", "+62 813-1111-2222")
    a.customers.update(ani.id, CustomerDraft("Ibu Ani", "081234567890"))
    b.customers.update(there.id, CustomerDraft("Ani Lestari", "081299990000"))
    exchange(a, b, tmp_path / "a2.zip")
    exchange(b, a, tmp_path / "b2.zip")
    for shop in (a, b):
        found = shop.customers.by_uuid(ani.uuid)
        assert (found.name, found.phone) == ("Ani Lestari", "6281299990000")
        with shop.db.reading() as session:
            names = session.scalars(
                select(Customer.name).where(Customer.phone == "6281311112222").order_by("name")
            ).all()
        assert names == ["Budi", "Pak Budi"]


def test_orders_mappings_and_returns_travel_and_a_return_is_confirmed_once(two, tmp_path):
    a, b = two
    tulis = a.catalogue.find_by_code("BTK-T")
    ani = member(a, "Bu Ani", "081234567890")
    order = pre_order(a, ani, tulis, 500_000)
    map_code(a, "batik biru", "BTK-T")
    map_code(a, "kain parang", "BTK-T")
    map_code(b, "kain parang", "BTK-C")  # mapped later on the other till: a clash
    _sale, returned = marketplace_return(a, utc(2026, 12, 7, 2), tulis)
    summary = exchange(a, b, tmp_path / "a1.zip")
    assert summary.clashes == ("kain parang: mapped to BTK-T and to BTK-C; BTK-T was kept",)
    assert summary.clashes[0] in describe(summary).splitlines()
    assert order_state(b, order) == order_state(a, order)
    mark_ready_with_payment(b, order, 200_000)
    map_code(b, "batik merah", "BTK-C")
    b.marketplace_returns.confirm(returned)
    exchange(b, a, tmp_path / "b1.zip")
    assert order_state(a, order) == order_state(b, order)
    assert order_state(a, order)[0] == "ready"
    assert order_state(a, order)[3] == [("deposit", 200_000), ("deposit", 500_000)]
    expected = {"batik biru": "BTK-T", "kain parang": "BTK-T", "batik merah": "BTK-C"}
    assert mappings(a) == mappings(b) == expected
    assert a.marketplace_returns.listed() == []
    with pytest.raises(ValidationError):
        a.marketplace_returns.confirm(returned)
    assert (refunds(a), refunds(b)) == (0, 1)  # refunds do not travel in bundles; their stock does
    assert stock(a) == stock(b)


def test_a_bundle_of_the_first_format_still_merges(two, tmp_path):
    a, b = two
    ani = member(a, "Bu Ani", "081234567890")
    on_account(a, utc(2026, 12, 7, 2), a.catalogue.find_by_code("BTK-T"), ani)
    a.bundles.export(tmp_path / "new.zip")
    contents = read_bundle(tmp_path / "new.zip")
    header = {k: v for k, v in contents.manifest.items() if k not in ("members", "format")}
    header.pop("format_version")
    for sale in contents.members["sales.json"]:
        del sale["customer"]
    written = tmp_path / "written.zip"
    write_bundle(written, header, {name: contents.members[name] for name in MEMBERS_V1})
    older = tmp_path / "older.zip"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(older, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["format_version"] = 1
                data = json.dumps(manifest).encode()
            target.writestr(name, data)
    summary = b.bundles.import_files([older])
    assert (summary.sales_added, summary.linked) == (1, {})
    assert b.customers.find("Ani") == []
    assert stock(b) == stock(a) + 5_000  # B's own five, less A's sale


def test_a_bundle_whose_kasbon_entry_is_malformed_is_refused_whole(two, tmp_path):
    a, b = two
    ani = member(a, "Bu Ani", "081234567890")
    on_account(a, utc(2026, 12, 7, 2), a.catalogue.find_by_code("BTK-T"), ani)
    a.bundles.export(tmp_path / "a1.zip")
    contents = read_bundle(tmp_path / "a1.zip")
    contents.members["account_entries.json"][0]["kind"] = "gift"
    header = {k: v for k, v in contents.manifest.items() if k not in ("members", "format")}
    header.pop("format_version")
    write_bundle(tmp_path / "bad.zip", header, contents.members)
    with pytest.raises(BundleError, match="not a valid bundle"):
        b.bundles.import_files([tmp_path / "bad.zip"])
    assert b.customers.find("Ani") == []


def test_a_group_renamed_to_the_name_of_another_group_here_is_left_out_not_crashed(two, tmp_path):
    a, b = two
    reseller = a.customers.save_group(None, "Reseller", 1000)
    exchange(a, b, tmp_path / "a1.zip")
    b.customers.save_group(None, "Member", 500)
    a.customers.save_group(reseller.id, "Member", 1500)
    summary = exchange(a, b, tmp_path / "a2.zip")
    assert summary.left_out == ("another customer group here is called Member",)
    assert sorted((g.name, g.discount_bp) for g in b.customers.groups()) == [
        ("Member", 500),
        ("Reseller", 1000),
    ]
