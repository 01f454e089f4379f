"""Column types shared by the models: UTC timestamps and UUIDs as text."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store aware datetimes as naive UTC; refuse naive ones."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Mark stored timestamps as UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A new random UUID (version 4) as 32 hex digits."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


def new_uuids(count: int) -> list[str]:
    """``count`` new time-ordered UUIDs (version 7) as 32 hex digits, for bulk writes.

    They share the current millisecond and count up from a random start, so
    rows written together sit together in the indexes (much faster inserts)
    and stay unique across tills.
    """
    millis = time.time_ns() // 1_000_000
    start = int.from_bytes(os.urandom(10)) >> 8  # 72 random bits: room to count up
    head = (millis << 80) | (0x7 << 76)
    ids = []
    for offset in range(count):
        value = start + offset
        rand_a, rand_b = (value >> 62) & 0xFFF, value & ((1 << 62) - 1)
        ids.append(f"{head | (rand_a << 64) | (0b10 << 62) | rand_b:032x}")
    return ids


UUID_TEXT = String(32)
