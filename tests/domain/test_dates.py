"""One reading of dates for the command line and every imported file."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bazaar_pos.domain.dates import parse_date, parse_local_datetime

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize("text", ["2026-12-31", "31/12/2026", "31-12-2026", " 31/12/2026 "])
def test_a_day_is_read_iso_or_day_first(text):
    assert parse_date(text) == date(2026, 12, 31)


@pytest.mark.parametrize("text", ["12/31/2026", "31.12.2026", "", "besok"])
def test_other_writings_are_refused_with_the_text_named(text):
    with pytest.raises(ValueError, match="is not a date") as refused:
        parse_date(text)
    assert repr(text) in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31", datetime(2026, 12, 31, 0, 0)),
        ("31/12/2026 14:30", datetime(2026, 12, 31, 14, 30)),
        ("31-12-2026 14:30:15", datetime(2026, 12, 31, 14, 30, 15)),
        ("2026-12-31T14:30", datetime(2026, 12, 31, 14, 30)),
        ("2026-12-31  14:30 ", datetime(2026, 12, 31, 14, 30)),
    ],
)
def test_a_moment_is_on_the_shops_clock(text, expected):
    moment = parse_local_datetime(text, JAKARTA)
    assert moment == expected.replace(tzinfo=JAKARTA)
    assert moment.astimezone(UTC) == expected.replace(tzinfo=UTC) - timedelta(hours=7)


@pytest.mark.parametrize("text", ["", "2026-12-31 25:00", "2026-31-12 10:00", "jam 10"])
def test_a_moment_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_local_datetime(text, JAKARTA)


@pytest.mark.parametrize(
    ("text", "zone"),
    [("0001-01-01", JAKARTA), ("9999-12-31 23:59", timezone(timedelta(hours=-10)))],
)
def test_moments_beyond_the_calendar_in_utc_are_refused(text, zone):
    with pytest.raises(ValueError, match="is not a date"):
        parse_local_datetime(text, zone)
