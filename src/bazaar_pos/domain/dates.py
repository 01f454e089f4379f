"""Dates and times as people type them and files carry them: one list of formats for all."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from bazaar_pos.i18n import _

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
"""Day first or ISO, never month first: ``2026-12-31``, ``31/12/2026``, ``31-12-2026``."""
TIME_FORMATS = ("%H:%M", "%H:%M:%S")
"""A time of day after the date, with a space or ISO's ``T`` between them."""


def _not_a_date(text: str) -> ValueError:
    return ValueError(_("{text!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)").format(text=text))


def parse_date(text: str) -> date:
    """A day written in one of :data:`DATE_FORMATS`; ValueError names the text otherwise."""
    cleaned = text.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise _not_a_date(text)


def parse_local_datetime(text: str, zone: tzinfo) -> datetime:
    """A day, optionally with a time, on the clock of ``zone``; midnight when no time is given.

    Raises ValueError for text that is not a date, and for a moment so close to the
    calendar's ends that it has no UTC equivalent.
    """
    cleaned = text.strip()
    day_text, _sep, time_text = cleaned.replace("T", " ", 1).partition(" ")
    day = parse_date(day_text) if day_text else None
    at = _parse_time(time_text.strip()) if time_text.strip() else time(0)
    if day is None or at is None:
        raise _not_a_date(text)
    moment = datetime.combine(day, at, tzinfo=zone)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise _not_a_date(text) from None
    return moment


def _parse_time(text: str) -> time | None:
    for pattern in TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None
