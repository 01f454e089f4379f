"""Product options (size, colour, motif) and the variants they generate."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from bazaar_pos.i18n import _

MAX_VARIANTS = 200
"""More combinations than this is almost certainly a typing mistake."""

Choice = tuple[tuple[str, str], ...]
"""One variant's option values: ``(("Size", "M"), ("Colour", "Biru"))``."""


@dataclass(frozen=True, slots=True)
class OptionAxis:
    """One option a product comes in, and its values: Size: S, M, L."""

    name: str
    values: tuple[str, ...]


def parse_axes(text: str) -> tuple[OptionAxis, ...]:
    """Read options written one per line or separated by ``;``: ``Size: S, M, L; Colour: Merah``.

    Raises ValueError naming the first problem: a missing ``:``, an empty
    name or value list, a repeated option or value, or too many combinations.
    """
    axes: list[OptionAxis] = []
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        name, colon, values_text = part.partition(":")
        name = " ".join(name.split())
        values = tuple(" ".join(v.split()) for v in values_text.split(",") if v.strip())
        if not colon or not name:
            raise ValueError(
                _("write an option as 'Name: value, value', not {part!r}").format(part=part.strip())
            )
        if not values:
            raise ValueError(_("the option {name!r} has no values").format(name=name))
        if name.casefold() in (a.name.casefold() for a in axes):
            raise ValueError(_("the option {name!r} is given twice").format(name=name))
        if len({v.casefold() for v in values}) != len(values):
            raise ValueError(_("the option {name!r} repeats a value").format(name=name))
        axes.append(OptionAxis(name, values))
    count = 1
    for axis in axes:
        count *= len(axis.values)
    if count > MAX_VARIANTS:
        raise ValueError(
            _("{count} combinations is more than {most}").format(count=count, most=MAX_VARIANTS)
        )
    return tuple(axes)


def format_axes(axes: tuple[OptionAxis, ...]) -> str:
    """Write options the way :func:`parse_axes` reads them."""
    return "; ".join(f"{a.name}: {', '.join(a.values)}" for a in axes)


def parse_choice(text: str) -> Choice:
    """Read one variant's values, ``Size: M; Colour: Biru``; each option takes one value."""
    axes = parse_axes(text)
    for axis in axes:
        if len(axis.values) != 1:
            raise ValueError(_("a variant has one value for {name!r}").format(name=axis.name))
    return tuple((a.name, a.values[0]) for a in axes)


def format_choice(choice: Choice) -> str:
    """Write a variant's values the way :func:`parse_choice` reads them."""
    return "; ".join(f"{name}: {value}" for name, value in choice)


def combinations(axes: tuple[OptionAxis, ...]) -> list[Choice]:
    """Every combination of the options' values, the first option varying slowest."""
    if not axes:
        return []
    return [
        tuple(zip((a.name for a in axes), values, strict=True))
        for values in itertools.product(*(a.values for a in axes))
    ]


def choice_key(choice: Choice) -> tuple[tuple[str, str], ...]:
    """A case-insensitive key to match a variant to a combination."""
    return tuple((name.casefold(), value.casefold()) for name, value in choice)


def variant_name(parent_name: str, choice: Choice) -> str:
    """The variant's name: ``Kemeja Batik (M / Biru)``."""
    return f"{parent_name} ({' / '.join(value for _name, value in choice)})"


def variant_sku(parent_sku: str, choice: Choice) -> str:
    """The variant's SKU: the parent's SKU and each value in capitals, ``KMJ-001-M-BIRU``."""
    parts = []
    for _name, value in choice:
        ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        parts.append(re.sub(r"[^A-Za-z0-9]+", "", ascii_value).upper()[:8] or "X")
    return "-".join([parent_sku, *parts])
