"""Samples, targets and the printed table: every figure beside its baseline and their ratio."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sample:
    """Repeated measurements of one thing, in the unit of its figure."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Sample:
        if not values:
            raise ValueError("a sample needs at least one value")
        return cls(tuple(values))

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        """The 95th percentile by nearest rank (the worst of a handful of values)."""
        ordered = sorted(self.values)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass(frozen=True, slots=True)
class Target:
    """What a figure should reach: below ``limit`` in its unit, or within ``ratio`` x baseline."""

    limit: float | None = None
    ratio: float | None = None

    def met(self, value: float, baseline: float) -> bool:
        if self.limit is not None and value >= self.limit:
            return False
        return not (self.ratio is not None and value > self.ratio * baseline)

    def describe(self, unit: str) -> str:
        if self.ratio is not None:
            return f"<= {self.ratio:g}x baseline"
        return f"< {self.limit:g} {unit}"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table."""

    figure: str
    unit: str
    value: float
    baseline: float
    baseline_name: str
    target: Target | None = None
    runs: int = 0

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else math.inf

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "PASS" if self.target.met(self.value, self.baseline) else "FAIL"


def seconds(work: Callable[[], object]) -> float:
    """How long ``work()`` took, in seconds."""
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (readable as plain text too)."""
    head = ("Figure", "Bazaar POS", "Baseline", "Ratio", "Target", "Result", "Runs")
    body = [
        (
            r.figure,
            _number(r.value, r.unit),
            _number(r.baseline, r.unit),
            f"{r.ratio:.1f}x" if r.ratio < 100 else f"{r.ratio:.0f}x",
            r.target.describe(r.unit) if r.target else "",
            r.verdict,
            str(r.runs),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    right = {1, 2, 3, 6}

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        )
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(head), rule, *(line(b) for b in body)])


def baselines(rows: Sequence[Row]) -> str:
    """What each figure's baseline is, one line each."""
    seen: dict[str, None] = {}
    for row in rows:
        figure = row.figure.removesuffix(", median").removesuffix(", p95")
        seen.setdefault(f"- {figure}: {row.baseline_name}", None)
    return "\n".join(seen)
