from bazaar_pos.services.products.catalogue import ProductDraft


def test_search_ignores_case_and_accents_and_puts_name_starts_first(shop, add_product):
    add_product("KOP-1", "Kopi Gayō 250 g", 95_000, barcode="8991234500164")
    add_product("KOP-2", "Es Kopi Susu", 20_000)
    add_product("TAS-1", "Tas Anyaman", 145_000, category="Tas")

    names = lambda text: [p.name for p in shop.catalogue.quick_search(text)]  # noqa: E731
    assert names("KOPI") == ["Kopi Gayō 250 g", "Es Kopi Susu"]
    assert names("gayo 250") == ["Kopi Gayō 250 g"]
    assert names("500164") == ["Kopi Gayō 250 g"]
    assert names("tas-1") == ["Tas Anyaman"]
    assert names("  ") == []
    assert names("100%") == []
    assert len(shop.catalogue.quick_search("a", limit=2)) == 2


def test_search_finds_only_active_products_and_follows_renames(shop, add_product):
    product = add_product("KOP-1", "Kopi Gayo", 95_000)
    draft = ProductDraft(sku="KOP-1", name="Kopi Toraja", price=95_000, active=True)
    shop.catalogue.update(product.id, draft)
    assert [p.name for p in shop.catalogue.quick_search("toraja")] == ["Kopi Toraja"]
    assert shop.catalogue.quick_search("gayo") == []
    shop.catalogue.update(product.id, ProductDraft("KOP-1", "Kopi Toraja", 95_000, active=False))
    assert shop.catalogue.quick_search("toraja") == []


def test_favourites_are_the_quick_pick_products(shop, add_product):
    brooch = add_product("AKS-1", "Bros Wayang", 25_000)
    add_product("KRT-1", "Kartu Pos", 15_000)
    assert shop.catalogue.favourites() == []
    assert shop.catalogue.set_favourite(brooch.id, True).favourite
    assert [p.sku for p in shop.catalogue.favourites()] == ["AKS-1"]
    shop.catalogue.set_favourite(brooch.id, False)
    assert shop.catalogue.favourites() == []
