"""A file's headers mapped onto the fields an import knows, matched by name, never by place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bazaar_pos.domain.text import header_key
from bazaar_pos.i18n import _

ColumnMapping = dict[str, str]
"""A file's header, as the file spells it, -> the field it holds (``"Harga Jual"`` -> ``price``)."""


def match_mapping(mapping: Mapping[str, str], headers: Iterable[str]) -> ColumnMapping:
    """The part of ``mapping`` (a preset) that ``headers`` have, spelled as the file does.

    Headers match after trimming and case folding; a preset header the file
    lacks is left out, so one preset serves files with more or fewer columns.
    """
    wanted = {header_key(header): field for header, field in mapping.items() if field}
    matched: ColumnMapping = {}
    for header in headers:
        field = wanted.get(header_key(header))
        if field is not None and header not in matched:
            matched[header] = field
    return matched


def guess_mapping(headers: Iterable[str], aliases: Mapping[str, str]) -> ColumnMapping:
    """A first mapping for ``headers`` from known names (``aliases`` keyed by :func:`header_key`).

    Each field is taken by its first header only.
    """
    known = {header_key(name): field for name, field in aliases.items()}
    mapping: ColumnMapping = {}
    for header in headers:
        field = known.get(header_key(header))
        if field is not None and field not in mapping.values():
            mapping[header] = field
    return mapping


def mapping_problems(
    mapping: Mapping[str, str],
    headers: Sequence[str],
    fields: Sequence[str],
    required: Sequence[str],
) -> list[str]:
    """What keeps ``mapping`` from reading a file with ``headers``: each problem in words.

    A field no import knows, a field given two columns, or a required field
    without a column (naming the header the mapping expected, when it gave
    one the file lacks). Other headers the file lacks are left out: one
    preset serves files with more or fewer columns.
    """
    problems: list[str] = []
    present = {header_key(h) for h in headers}
    taken: dict[str, str] = {}
    absent: dict[str, str] = {}
    for header, field in mapping.items():
        if not field:
            continue
        if field not in fields:
            problems.append(
                _("{field!r} is not a field; use one of: {fields}.").format(
                    field=field, fields=", ".join(fields)
                )
            )
        elif header_key(header) not in present:
            absent.setdefault(field, header)
        elif field in taken:
            problems.append(
                _("Columns {first!r} and {second!r} both hold {field}.").format(
                    first=taken[field], second=header, field=field
                )
            )
        else:
            taken[field] = header
    for field in required:
        if field in taken:
            continue
        if field in absent:
            problems.append(
                _("The file has no column {header!r} (for {field}).").format(
                    header=absent[field], field=field
                )
            )
        else:
            problems.append(_("No column holds {field}.").format(field=field))
    return problems
