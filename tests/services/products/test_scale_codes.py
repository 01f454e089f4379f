"""Label-scale layouts in the shop settings, codes read against the catalogue, own codes apart."""

from dataclasses import replace

import pytest

from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.scale_barcodes import DEFAULT_LAYOUTS, ScaleLayout, ScaleValue
from bazaar_pos.domain.variants import OptionAxis
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.products.scale_codes import ScaleCodeProblem

WEIGHT, PRICE = DEFAULT_LAYOUTS


@pytest.fixture
def weighed(shop):
    """Coffee beans by the kg (PLU 42), palm sugar by the kg (PLU 7), sachets by the piece (9)."""
    return {
        "beans": shop.catalogue.create(
            ProductDraft("BJI-1", "Kopi biji Gayo", 180_000, unit=Unit.KG, plu="42")
        ),
        "sugar": shop.catalogue.create(
            ProductDraft("GUL-1", "Gula aren", 60_000, unit=Unit.KG, plu="00007")
        ),
        "sachet": shop.catalogue.create(ProductDraft("SCH-1", "Kopi sachet", 15_000, plu="9")),
    }


def change_layouts(shop, *texts):
    return shop.settings.change(replace(shop.settings.load(), scale_codes=texts))


def test_a_new_shop_reads_the_two_usual_layouts(shop):
    settings = shop.settings.load()
    assert settings.scale_layouts == DEFAULT_LAYOUTS
    assert settings.internal_prefix == 20


def test_changed_layouts_are_kept_and_read_back(shop):
    change_layouts(shop, "21:weight:5:5", "23:price:5:5", "24:price:4:6")
    with pytest.raises(ValidationError) as refused:
        change_layouts(shop, "21:weight:5:5", "21:price:5:5")
    assert refused.value.problems == [
        "The scale code prefixes 21 and 21 overlap: one code would match both."
    ]
    change_layouts(shop, "25:price:4:6")
    shop.db.memo.forget_all()  # read from the database again
    assert shop.settings.load().scale_layouts == (ScaleLayout("25", ScaleValue.PRICE, 4, 6),)


def test_layouts_that_cannot_be_read_are_refused(shop):
    with pytest.raises(ValidationError) as refused:
        change_layouts(shop, "21:weight:5:4", "2x:price:5:5", "21:volume:5:5")
    assert refused.value.problems == [
        "Prefix, PLU and value must have 12 digits together, before the check digit.",
        "A scale code prefix is digits, such as 21.",
        "'21:volume:5:5' is not a scale code layout",
    ]
    assert shop.settings.load().scale_layouts == DEFAULT_LAYOUTS


def test_a_layout_cannot_take_the_prefix_of_codes_already_printed(shop, add_product):
    printed = add_product("A")
    (labelled,) = shop.catalogue.assign_barcodes([printed.id])
    assert labelled.barcode == "2000000000015"
    with pytest.raises(ValidationError) as refused:
        change_layouts(shop, "20:weight:5:5", "23:price:5:5")
    assert refused.value.problems == [
        "1 product already has a barcode starting with 20 (2000000000015): "
        "a scale code layout cannot take that prefix."
    ]
    assert shop.settings.load().internal_prefix == 20


def test_the_shops_new_codes_move_to_a_prefix_no_layout_takes(shop, add_product):
    change_layouts(shop, "20:weight:5:5", "23:price:5:5")
    assert shop.settings.load().internal_prefix == 21
    assert shop.catalogue.next_barcode() == "2100000000012"
    a = add_product("A")
    (labelled,) = shop.catalogue.assign_barcodes([a.id])
    assert labelled.barcode == "2100000000012"
    shirt = add_product("KMJ-1", "Kemeja")
    variants = shop.catalogue.set_options(shirt.id, [OptionAxis("Size", ("S", "M"))])
    assert [v.barcode for v in variants] == ["2100000000029", "2100000000036"]
    assert shop.catalogue.next_barcode() == "2100000000043"
    assert shop.check() == []


def test_codes_printed_before_a_prefix_moved_keep_finding_their_product(shop, add_product):
    a = add_product("A")
    (labelled,) = shop.catalogue.assign_barcodes([a.id])
    change_layouts(shop, "22:weight:5:5", "24:price:5:5")
    assert shop.catalogue.find_by_code(labelled.barcode).id == a.id
    assert shop.scale_codes.read(labelled.barcode) is None


def test_a_product_file_with_options_gives_variants_codes_after_those_in_use(
    shop, add_product, write_csv
):
    add_product("A", barcode="2000000000015")
    path = write_csv('sku,name,price,options\nKMJ-1,Kemeja Batik,275000,"Size: S, M"\n')
    shop.product_files.import_file(path)
    parent = shop.catalogue.get_by_sku("KMJ-1")
    codes = [v.barcode for v in shop.catalogue.variants_of(parent.id)]
    assert codes == ["2000000000022", "2000000000039"]
    assert shop.check() == []


def test_a_product_file_with_options_gives_variants_the_free_prefix(shop, write_csv):
    change_layouts(shop, "20:weight:5:5", "23:price:5:5")
    path = write_csv('sku,name,price,options\nKMJ-1,Kemeja Batik,275000,"Size: S, M"\n')
    shop.product_files.import_file(path)
    parent = shop.catalogue.get_by_sku("KMJ-1")
    codes = [v.barcode for v in shop.catalogue.variants_of(parent.id)]
    assert codes == ["2100000000012", "2100000000029"]


def test_scale_codes_find_their_product_by_plu(shop, weighed):
    beans = shop.scale_codes.read(WEIGHT.code_for("42", 250))
    assert (beans.product.sku, beans.quantity_milli, beans.priced) == ("BJI-1", 250, None)
    sugar = shop.scale_codes.read(PRICE.code_for("7", 28_850))
    assert (sugar.product.sku, sugar.quantity_milli, sugar.priced) == ("GUL-1", 481, 28_850)
    sachets = shop.scale_codes.read(PRICE.code_for("9", 45_000))
    assert (sachets.product.sku, sachets.quantity_milli, sachets.priced) == ("SCH-1", 3_000, None)
    assert shop.scale_codes.read("8991234500164") is None


def test_scale_codes_that_cannot_be_sold_say_why(shop, weighed):
    code = WEIGHT.code_for("77", 250)
    with pytest.raises(ScaleCodeProblem) as unknown:
        shop.scale_codes.read(code)
    assert unknown.value.message == f"No product has the PLU 77 (scale code {code})."
    with pytest.raises(ScaleCodeProblem) as pieces:
        shop.scale_codes.read(WEIGHT.code_for("9", 250))
    assert pieces.value.message == (
        "The label gives 250 g of Kopi sachet, but Kopi sachet is not sold by weight."
    )
    shop.catalogue.set_active(weighed["beans"].id, False)
    with pytest.raises(ScaleCodeProblem, match="No product has the PLU 42"):
        shop.scale_codes.read(WEIGHT.code_for("42", 250))
