from dataclasses import replace

import pytest
from PIL import Image

from bazaar_pos.domain.barcodes import is_internal
from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.domain.variants import OptionAxis, parse_axes
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.products.search import ProductQuery, ProductSort
from bazaar_pos.services.stock.consignment.views import ConsignorDraft


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "camera" / "IMG_0001.JPG"
    path.parent.mkdir()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(path, "JPEG")
    return path


def test_a_product_keeps_every_detail(shop, photo):
    maker = shop.consignment.add_consignor(
        ConsignorDraft("Ibu Sari", commission=Commission.percent(20))
    )
    draft = ProductDraft(
        sku="TEN-SBA-001",
        name="Tenun Ikat Sumba",
        price=1_250_000,
        cost=780_000,
        barcode="2000000000015",
        category="Kain Tenun",
        favourite=True,
        taxable=False,
        unit=Unit.M,
        low_stock_milli=2_500,
        plu="42",
        notes="Pewarna alami",
        consignor_id=maker.id,
        commission=Commission.percent(15),
        photo=photo,
    )
    product = shop.catalogue.create(draft)
    assert (product.favourite, product.taxable, product.unit, product.low_stock_milli) == (
        True,
        False,
        Unit.M,
        2_500,
    )
    assert product.plu == "42"
    assert (product.consignor_id, product.commission) == (maker.id, Commission.percent(15))
    stored = shop.catalogue.photo_path(product)
    assert stored is not None
    assert stored.parent == shop.db.path.parent / "photos"
    assert stored.read_bytes() == photo.read_bytes()
    assert ProductDraft.from_view(product) == replace(draft, photo=None)
    assert shop.catalogue.get(product.id) == product


def test_a_new_photo_replaces_the_old_file_and_a_removed_one_goes(shop, photo, tmp_path):
    product = shop.catalogue.create(ProductDraft("TAS-1", "Tas Pandan", 145_000, photo=photo))
    first = shop.catalogue.photo_path(product)
    other = tmp_path / "other.png"
    Image.new("RGB", (10, 10), (0, 90, 0)).save(other)
    changed = shop.catalogue.update(
        product.id, replace(ProductDraft.from_view(product), photo=other)
    )
    second = shop.catalogue.photo_path(changed)
    assert second is not None
    assert second.suffix == ".png"
    assert not first.exists()
    removed = shop.catalogue.update(
        product.id, replace(ProductDraft.from_view(changed), remove_photo=True)
    )
    assert removed.photo == ""
    assert not second.exists()


def test_photos_that_are_not_photos_are_refused_and_nothing_is_left(shop, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ValidationError, match="photo"):
        shop.catalogue.create(ProductDraft("TAS-1", "Tas", 1, photo=text))
    with pytest.raises(ValidationError, match="photo"):
        shop.catalogue.create(ProductDraft("TAS-1", "Tas", 1, photo=tmp_path / "gone.jpg"))
    assert shop.catalogue.count() == 0


def test_a_failed_save_does_not_leave_its_photo_behind(shop, photo, add_product):
    add_product("TAS-1")
    with pytest.raises(ValidationError, match="already used"):
        shop.catalogue.create(ProductDraft("TAS-1", "Tas", 1, photo=photo))
    assert list((shop.db.path.parent / "photos").glob("*")) == []


def test_details_are_checked(shop):
    draft = ProductDraft(
        "X" * 65,
        "N" * 201,
        1,
        barcode="has space",
        category="C" * 101,
        low_stock_milli=1_500,
        commission=Commission.percent(10),
        plu="12a",
    )
    with pytest.raises(ValidationError) as refused:
        shop.catalogue.create(draft)
    assert len(refused.value.problems) == 7
    assert "The low-stock level of a product sold by the piece is whole pieces." in (
        refused.value.problems
    )
    with pytest.raises(NotFoundError, match="consignor"):
        shop.catalogue.create(ProductDraft("A", "A", 1, consignor_id=99))


def test_sku_suggestions_count_up_per_stem(shop, add_product):
    assert shop.catalogue.suggest_sku("Kain Tenun", "Songket Palembang") == "KAI-SON-001"
    add_product("KAI-SON-001")
    add_product("KAI-SON-007")
    assert shop.catalogue.suggest_sku("Kain Tenun", "Songket Bali") == "KAI-SON-008"


def test_internal_barcodes_are_given_to_products_without_one(shop, add_product):
    assert shop.catalogue.next_barcode() == "2000000000015"
    add_product("A", barcode="2000000000053")
    b = add_product("B")
    c = add_product("C", barcode="8991234500010")
    archived = add_product("D")
    shop.catalogue.set_active(archived.id, False)
    assigned = shop.catalogue.assign_barcodes()
    assert [(p.sku, p.barcode) for p in assigned] == [("B", "2000000000060")]
    assert shop.catalogue.find_by_code("2000000000060").id == b.id
    assert shop.catalogue.assign_barcodes([archived.id, c.id])[0].barcode == "2000000000077"
    assert shop.catalogue.next_barcode() == "2000000000084"


def test_the_filter_ignores_case_and_diacritics_and_wants_every_word(shop, add_product):
    add_product("CAF-1", "Café Kopi Bali", category="Minuman")
    add_product("TEH-1", "Teh Melati", category="Minuman", barcode="899123")
    assert [p.sku for p in shop.catalogue.search("CAFE")] == ["CAF-1"]
    assert [p.sku for p in shop.catalogue.search("bali café")] == ["CAF-1"]
    assert [p.sku for p in shop.catalogue.search("minuman")] == ["CAF-1", "TEH-1"]
    assert [p.sku for p in shop.catalogue.search("8991")] == ["TEH-1"]
    assert shop.catalogue.search("100%") == []
    assert shop.catalogue.search("_") == []
    changed = shop.catalogue.update(
        shop.catalogue.get_by_sku("teh-1").id,
        ProductDraft("TEH-1", "Teh Hijau", 10_000, category="Minuman"),
    )
    assert shop.catalogue.search("melati") == []
    assert shop.catalogue.search("hijau") == [changed]


def test_browsing_by_pages_gives_every_product_once_in_order(shop, add_product):
    for n in range(23):
        add_product(
            f"P-{n:02d}",
            f"Produk {n % 5}",
            price=1_000 * (n % 7),
            barcode=None if n % 3 else f"77{n}",
        )
    for sort in ProductSort:
        for descending in (False, True):
            query = ProductQuery(sort=sort, descending=descending)
            seen, after = [], None
            while page := shop.catalogue.browse(query, after=after, limit=4):
                seen += page
                after = page[-1]
            assert len(seen) == 23 == len({p.id for p in seen})
            filtered = ProductQuery("produk 3", sort=sort, descending=descending)
            assert len(shop.catalogue.browse(filtered, limit=100)) == shop.catalogue.count_matching(
                filtered
            )
    by_price = shop.catalogue.browse(ProductQuery(sort=ProductSort.PRICE), limit=100)
    assert [p.price for p in by_price] == sorted(p.price for p in by_price)


def test_archived_products_leave_the_till_but_stay_findable(shop, add_product):
    product = add_product("KOP-1", stock=3)
    archived = shop.catalogue.set_active(product.id, False)
    assert not archived.active
    assert shop.catalogue.find_by_code("KOP-1") is None
    assert shop.catalogue.search("kopi") == []
    assert shop.catalogue.count_matching(ProductQuery(include_inactive=True)) == 1
    assert shop.catalogue.set_active(product.id, True).active
    assert shop.catalogue.set_favourite(product.id, True).favourite


def test_categories(shop, add_product):
    add_product("A", category="Kopi")
    add_product("B", category="Batik")
    add_product("C", category="")
    assert shop.catalogue.categories() == ["Batik", "Kopi"]


def test_variants_are_generated_with_their_own_sku_barcode_and_price(shop, add_product):
    shirt = add_product("KMJ-001", "Kemeja Batik", 275_000, category="Kemeja")
    variants = shop.catalogue.set_options(
        shirt.id, parse_axes("Size: S, M, L; Colour: Biru, Merah")
    )
    assert [v.sku for v in variants][:3] == ["KMJ-001-S-BIRU", "KMJ-001-S-MERAH", "KMJ-001-M-BIRU"]
    assert [v.name for v in variants][:2] == [
        "Kemeja Batik (S / Biru)",
        "Kemeja Batik (S / Merah)",
    ]
    assert all(is_internal(v.barcode) for v in variants)
    assert len({v.barcode for v in variants}) == 6
    assert all(v.price == 275_000 and v.parent_id == shirt.id for v in variants)
    parent = shop.catalogue.get(shirt.id)
    assert parent.has_variants
    assert parent.option_axes[0] == OptionAxis("Size", ("S", "M", "L"))
    scanned = shop.catalogue.find_by_code(variants[2].barcode)
    assert scanned == variants[2]
    assert scanned.choice == (("Size", "M"), ("Colour", "Biru"))
    assert shop.catalogue.variants_of(shirt.id) == variants


def test_changing_options_archives_dropped_variants_and_keeps_the_rest(shop, add_product):
    shirt = add_product("KMJ-001", "Kemeja Batik", 275_000)
    first = shop.catalogue.set_options(shirt.id, parse_axes("Size: S, M, L"))
    xl = shop.catalogue.update(
        first[2].id, replace(ProductDraft.from_view(first[2]), price=295_000)
    )
    second = shop.catalogue.set_options(shirt.id, parse_axes("Size: M, L, XL"))
    assert [v.sku for v in second] == ["KMJ-001-M", "KMJ-001-L", "KMJ-001-XL"]
    assert second[1].price == xl.price == 295_000
    dropped = shop.catalogue.get(first[0].id)
    assert not dropped.active
    again = shop.catalogue.set_options(shirt.id, parse_axes("Size: S, M"))
    assert [v.id for v in again] == [first[0].id, first[1].id]
    assert len(shop.catalogue.variants_of(shirt.id, include_inactive=True)) == 4


def test_a_parent_passes_its_changes_on_to_its_variants(shop, add_product):
    shirt = add_product("KMJ-001", "Kemeja Batik", 275_000, category="Kemeja")
    small, medium = shop.catalogue.set_options(shirt.id, parse_axes("Size: S, M"))
    shop.catalogue.update(medium.id, replace(ProductDraft.from_view(medium), price=300_000))
    shop.catalogue.update(
        shirt.id,
        replace(
            ProductDraft.from_view(shop.catalogue.get(shirt.id)),
            name="Kemeja Batik Tulis",
            price=280_000,
            category="Pakaian",
        ),
    )
    small, medium = shop.catalogue.variants_of(shirt.id)
    assert (small.name, small.price, small.category) == (
        "Kemeja Batik Tulis (S)",
        280_000,
        "Pakaian",
    )
    assert medium.price == 300_000
    found = {p.sku for p in shop.catalogue.search("tulis pakaian")}
    assert found == {"KMJ-001", "KMJ-001-S", "KMJ-001-M"}
    shop.catalogue.set_active(shirt.id, False)
    assert shop.catalogue.variants_of(shirt.id) == []


def test_variants_are_refused_where_they_make_no_sense(shop, add_product):
    stocked = add_product("A", stock=2)
    with pytest.raises(ValidationError, match="stock"):
        shop.catalogue.set_options(stocked.id, parse_axes("Size: S, M"))
    shirt = add_product("B")
    variant = shop.catalogue.set_options(shirt.id, parse_axes("Size: S"))[0]
    with pytest.raises(ValidationError, match="variants of its own"):
        shop.catalogue.set_options(variant.id, parse_axes("Colour: Biru"))
    with pytest.raises(ValidationError, match="each variant"):
        shop.stock.receive(shirt.id, whole(1))
    with pytest.raises(ValidationError, match="variants cannot be one of a kind"):
        shop.catalogue.update(shirt.id, replace(ProductDraft.from_view(shirt), one_of_a_kind=True))


def test_a_one_of_a_kind_piece_sells_out_and_comes_back_on_a_correction(shop, cart_of):
    piece = shop.catalogue.create(
        ProductDraft("GUC-1", "Guci Keramik Kasongan", 850_000, one_of_a_kind=True)
    )
    assert piece.stock_milli == whole(1)
    with pytest.raises(ValidationError, match="one of a kind"):
        shop.stock.receive(piece.id, whole(1))
    shop.checkout.complete_sale(cart_of((piece, 1)), [Tender(PaymentMethod.CASH, 850_000)])
    sold = shop.catalogue.get(piece.id)
    assert (sold.stock_milli // 1000, sold.active) == (0, False)
    assert shop.catalogue.find_by_code("GUC-1") is None
    shop.stock.adjust(piece.id, whole(1), note="the buyer brought it back")
    assert shop.catalogue.get(piece.id).active
    assert shop.check() == []


def test_a_product_holding_stock_keeps_its_unit_until_its_stock_is_zero(shop, add_product):
    cloth = add_product("KAI-1", "Kain lurik", 85_000, stock=3)
    by_the_metre = replace(ProductDraft.from_view(cloth), unit=Unit.M)
    with pytest.raises(ValidationError) as refused:
        shop.catalogue.update(cloth.id, by_the_metre)
    assert "bring its stock to 0 before changing the unit" in refused.value.problems[0]
    shop.stock.adjust(cloth.id, whole(-3), note="measured again")
    assert shop.catalogue.update(cloth.id, by_the_metre).unit is Unit.M
    shop.stock.receive(cloth.id, 12_500)
    assert shop.catalogue.get(cloth.id).stock_milli == 12_500
