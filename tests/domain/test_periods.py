from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bazaar_pos.domain.periods import (
    Period,
    PeriodKind,
    local_midnight,
    local_zone,
    offset_minutes,
    offset_segments,
)

JAKARTA = ZoneInfo("Asia/Jakarta")
BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("kind", "first", "last"),
    [
        (PeriodKind.TODAY, FRIDAY, FRIDAY),
        (PeriodKind.YESTERDAY, date(2026, 11, 19), date(2026, 11, 19)),
        (PeriodKind.THIS_WEEK, date(2026, 11, 16), FRIDAY),
        (PeriodKind.THIS_MONTH, date(2026, 11, 1), FRIDAY),
        (PeriodKind.CUSTOM, FRIDAY, FRIDAY),
    ],
)
def test_presets_seen_from_a_friday(kind, first, last):
    period = Period.preset(kind, FRIDAY)
    assert (period.first, period.last, period.kind) == (first, last, kind)


def test_months_days_and_a_period_that_ends_before_it_starts():
    assert Period.month(2026, 2) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert Period.month(2026, 12).last == date(2026, 12, 31)
    assert Period.day(FRIDAY).days == [FRIDAY]
    assert len(Period.month(2026, 11).days) == 30
    with pytest.raises(ValueError, match="cannot end before"):
        Period(FRIDAY, date(2026, 11, 19))


def test_a_jakarta_day_starts_at_17_utc_the_day_before():
    start, end = Period.day(FRIDAY).utc_range(JAKARTA)
    assert start == datetime(2026, 11, 19, 17, tzinfo=UTC)
    assert end == datetime(2026, 11, 20, 17, tzinfo=UTC)
    assert local_midnight(FRIDAY, JAKARTA) == start
    assert offset_minutes(start, JAKARTA) == 420


def test_indonesian_zones_give_one_segment():
    start, end = Period.month(2026, 3).utc_range(JAKARTA)
    segments = offset_segments(start, end, JAKARTA)
    assert [(s.start, s.end, s.offset_minutes) for s in segments] == [(start, end, 420)]


@pytest.mark.parametrize(
    ("month", "change", "before", "after"),
    [
        (3, datetime(2026, 3, 29, 1, tzinfo=UTC), 60, 120),
        (10, datetime(2026, 10, 25, 1, tzinfo=UTC), 120, 60),
    ],
)
def test_daylight_saving_splits_a_month_at_the_exact_minute(month, change, before, after):
    start, end = Period.month(2026, month).utc_range(BERLIN)
    segments = offset_segments(start, end, BERLIN)
    assert [(s.start, s.end, s.offset_minutes) for s in segments] == [
        (start, change, before),
        (change, end, after),
    ]


def test_local_zone_from_tz_then_the_localtime_link_then_a_fixed_offset(tmp_path):
    assert local_zone({"TZ": ":Asia/Makassar"}, tmp_path / "none") == ZoneInfo("Asia/Makassar")
    zoneinfo = tmp_path / "zoneinfo" / "Asia"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Jayapura").write_text("")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo / "Jayapura")
    assert local_zone({"TZ": "Not/AZone"}, link) == ZoneInfo("Asia/Jayapura")
    odd = tmp_path / "odd"
    odd.symlink_to(tmp_path / "elsewhere")
    fixed = local_zone({}, odd)
    assert fixed.utcoffset(datetime.now()) == datetime.now().astimezone().utcoffset()
    assert isinstance(local_zone({}, tmp_path / "none"), timezone | ZoneInfo)


def test_offsets_of_a_fixed_zone():
    plus_seven = timezone(timedelta(hours=7))
    start, end = Period.day(FRIDAY).utc_range(plus_seven)
    assert offset_segments(start, end, plus_seven)[0].offset_minutes == 420
    assert offset_minutes(start, UTC) == 0


@pytest.mark.parametrize(
    ("today", "kind", "first", "last"),
    [
        (date(2026, 12, 7), PeriodKind.LAST_MONTH, date(2026, 11, 1), date(2026, 11, 30)),
        (date(2027, 1, 15), PeriodKind.LAST_MONTH, date(2026, 12, 1), date(2026, 12, 31)),
        (date(2028, 3, 1), PeriodKind.LAST_MONTH, date(2028, 2, 1), date(2028, 2, 29)),
        (date(2026, 12, 7), PeriodKind.THIS_YEAR, date(2026, 1, 1), date(2026, 12, 7)),
    ],
)
def test_last_month_and_this_year(today, kind, first, last):
    assert Period.preset(kind, today) == Period(first, last, kind)
