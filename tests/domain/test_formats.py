from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import ShopHeader

SHOP = ShopHeader("Toko Kriya Nusantara")
MOMENT = datetime(2026, 11, 20, 14, 3, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def en():
    return Formats(SHOP, "en")


def test_money_counts_and_percentages_follow_the_money_locale(en):
    assert en.money(1_250_000) == "Rp1.250.000"
    assert en.compact(1_500_000) == "Rp1,5 jt"
    assert en.count(12_345) == "12.345"
    assert en.percent(Decimal("0.253")) == "25,3%"
    assert en.percent(None) == "—"


def test_dates_in_english_are_day_first(en):
    assert en.date(date(2026, 11, 20)) == "20 November 2026"
    assert en.short_date(date(2026, 11, 20)) == "Fri 20 Nov"
    assert en.month(2026, 11) == "November 2026"
    assert en.month_name(2026, 2) == "February"
    assert en.time(MOMENT) == "14:03"
    assert en.datetime(MOMENT) == "20 Nov 2026 14:03"


def test_dates_in_indonesian():
    fmt = Formats(SHOP, "id")
    assert fmt.short_date(date(2026, 11, 20)) == "Jum 20 Nov"
    assert fmt.month_name(2026, 2) == "Februari"


def test_periods(en):
    assert en.period(Period.day(date(2026, 11, 20))) == "20 November 2026"
    assert en.period(Period.month(2026, 11)) == "1–30 Nov 2026"
    assert en.period(Period(date(2026, 10, 28), date(2026, 11, 3))) == "28 Oct – 3 Nov 2026"
