from sqlalchemy import select

from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.shop import Shop
from bazaar_pos.store.models import Setting


def test_a_new_shop_needs_setup_until_it_is_done_or_skipped(shop):
    assert shop.settings.is_empty()
    assert shop.settings.needs_setup()
    assert shop.settings.load().setup_done is False
    shop.settings.mark_set_up()
    assert not shop.settings.needs_setup()
    assert shop.settings.load().setup_done is True


def test_marking_set_up_keeps_every_other_setting(shop):
    shop.settings.update(shop_name="Batik Sekar Jagad", cash_rounding_step=500)
    shop.settings.mark_set_up()
    stored = shop.settings.load()
    assert (stored.shop_name, stored.cash_rounding_step, stored.setup_done) == (
        "Batik Sekar Jagad",
        500,
        True,
    )


def test_a_shop_with_products_made_before_setup_existed_counts_as_set_up(shop, add_product):
    add_product()
    assert not shop.settings.is_empty()
    assert not shop.settings.needs_setup()
    with shop.db.reading() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == "shop.setup_done"))
    assert stored == "true"


def test_a_shop_with_sales_is_not_empty(shop):
    load_demo_shop(shop)
    assert not shop.settings.is_empty()
    assert not shop.settings.needs_setup()


def test_the_answer_survives_reopening_the_database(db_path):
    first = Shop.open(db_path)
    assert first.settings.needs_setup()
    first.settings.mark_set_up()
    first.close()
    again = Shop.open(db_path)
    try:
        assert not again.settings.needs_setup()
    finally:
        again.close()
