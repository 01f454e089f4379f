"""Screen formats follow the shop's currency locale, counts included."""

from dataclasses import replace

import pytest

from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.formatting import Formats


@pytest.mark.parametrize(
    ("currency_code", "money_locale", "count", "money"),
    [("IDR", "id_ID", "1.234", "Rp1.234"), ("USD", "en_US", "1,234", "$12.34")],
)
def test_counts_are_grouped_like_the_money_beside_them(currency_code, money_locale, count, money):
    settings = replace(ShopSettings(), currency_code=currency_code, money_locale=money_locale)
    formats = Formats(settings)
    assert formats.count(1234) == count
    assert formats.money(1234) == money
