"""Report periods in local dates, and the UTC ranges and offsets they cover."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ONE_DAY = timedelta(days=1)
ONE_MINUTE = timedelta(minutes=1)


class PeriodKind(enum.StrEnum):
    """How a period was chosen."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days from ``first`` to ``last``, both included."""

    first: date
    last: date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        """Refuse a period that ends before it starts."""
        if self.last < self.first:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def day(cls, day: date) -> Period:
        """One local day."""
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - ONE_DAY)

    @classmethod
    def preset(cls, kind: PeriodKind, today: date) -> Period:
        """The period ``kind`` names, seen from ``today`` (weeks start on Monday)."""
        if kind is PeriodKind.TODAY:
            return cls(today, today, kind)
        if kind is PeriodKind.YESTERDAY:
            return cls(today - ONE_DAY, today - ONE_DAY, kind)
        if kind is PeriodKind.THIS_WEEK:
            return cls(today - timedelta(days=today.weekday()), today, kind)
        if kind is PeriodKind.THIS_MONTH:
            return cls(today.replace(day=1), today, kind)
        if kind is PeriodKind.LAST_MONTH:
            last = today.replace(day=1) - ONE_DAY
            return cls(last.replace(day=1), last, kind)
        if kind is PeriodKind.THIS_YEAR:
            return cls(today.replace(month=1, day=1), today, kind)
        return cls(today, today, kind)

    @property
    def days(self) -> list[date]:
        """Every day of the period, in order."""
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def utc_range(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """The UTC instants where the period starts (included) and ends (excluded)."""
        return local_midnight(self.first, zone), local_midnight(self.last + ONE_DAY, zone)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of UTC time over which the local clock has one offset from UTC."""

    start: datetime
    end: datetime
    offset_minutes: int


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The UTC instant at which ``day`` begins on the local clock."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def offset_minutes(instant: datetime, zone: tzinfo) -> int:
    """Minutes the local clock is ahead of UTC at ``instant``."""
    offset = instant.astimezone(zone).utcoffset() or timedelta()
    return offset // ONE_MINUTE


def offset_segments(start: datetime, end: datetime, zone: tzinfo) -> list[Segment]:
    """Split ``start``..``end`` (UTC) where the local offset changes (daylight saving).

    Zones without daylight saving, such as every Indonesian one, give a single
    segment. Changes are found to the minute by bisection between day starts.
    """
    segments: list[Segment] = []
    cursor = probe = start
    offset = offset_minutes(start, zone)
    while probe < end:
        step_end = min(probe + ONE_DAY, end)
        last_minute = step_end - ONE_MINUTE
        if offset_minutes(last_minute, zone) == offset:
            probe = step_end
            continue
        change = _first_change(probe, last_minute, offset, zone)
        segments.append(Segment(cursor, change, offset))
        cursor = probe = change
        offset = offset_minutes(change, zone)
    segments.append(Segment(cursor, end, offset))
    return segments


def _first_change(low: datetime, high: datetime, offset: int, zone: tzinfo) -> datetime:
    """The first minute after ``low`` (at ``offset``) whose offset differs, up to ``high``."""
    low_minute, high_minute = 0, (high - low) // ONE_MINUTE
    while high_minute - low_minute > 1:
        middle = (low_minute + high_minute) // 2
        if offset_minutes(low + middle * ONE_MINUTE, zone) == offset:
            low_minute = middle
        else:
            high_minute = middle
    return low + high_minute * ONE_MINUTE


def local_zone(
    environ: Mapping[str, str] = os.environ, localtime: Path = Path("/etc/localtime")
) -> tzinfo:
    """The computer's time zone: from ``TZ`` or /etc/localtime, else today's fixed offset."""
    for name in (environ.get("TZ", "").lstrip(":"), _zone_name(localtime)):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return datetime.now().astimezone().tzinfo or UTC


def _zone_name(link: Path) -> str:
    """The zone name a link such as /etc/localtime points at (``Asia/Jakarta``), or ""."""
    if not link.is_symlink():
        return ""
    parts = link.resolve().parts
    return "/".join(parts[parts.index("zoneinfo") + 1 :]) if "zoneinfo" in parts else ""


def local_time(moment: datetime) -> str:
    """A stored UTC time in this computer's time zone: ``2026-11-22 14:05``."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
