"""The argument parser of ``bazaar-pos``, saying argparse's own phrases in the chosen language.

argparse writes its phrases ("usage:", "options", its error messages) in
English. ``Parser`` (used for ``bazaar-pos`` and, through ``add_subparsers``,
for every sub-command) says them through ``_()``: the usage prefix, the
section titles and the ``-h`` help as the help is written, and each error
message by reading it against argparse's English wording, phrase by phrase,
when ``error()`` reports it. A message worded otherwise is shown as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from bazaar_pos.i18n import N_, _, ngettext

ERROR_PHRASES = (
    N_("argument {argument}: {message}"),
    N_("the following arguments are required: {arguments}"),
    N_("unrecognized arguments: {arguments}"),
    N_("invalid choice: {value} (choose from {choices})"),
    N_("invalid {type} value: {value}"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: {option} could match {matches}"),
    N_("not allowed with argument {argument}"),
    N_("one of the arguments {arguments} is required"),
    N_("ignored explicit argument {value}"),
)
"""argparse's error messages as it words them in English, with ``{name}`` for what it fills in."""

_COUNTED = re.compile(r"expected (?P<count>\d+) arguments?")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _pattern(phrase: str) -> re.Pattern[str]:
    """A regular expression matching ``phrase`` with anything in its placeholders."""
    parts = _PLACEHOLDER.split(phrase)
    literal = [re.escape(part) for part in parts[::2]]
    names = [f"(?P<{name}>.+?)" for name in parts[1::2]]
    return re.compile("".join(a + b for a, b in zip(literal, [*names, ""], strict=True)))


_PATTERNS = tuple((phrase, _pattern(phrase)) for phrase in ERROR_PHRASES)


def translate_error(message: str) -> str:
    """The English error ``message`` from argparse in the current language (else unchanged)."""
    for phrase, pattern in _PATTERNS:
        if found := pattern.fullmatch(message):
            parts = found.groupdict()
            if "message" in parts:
                parts["message"] = translate_error(parts["message"])
            return _(phrase).format(**parts)
    if found := _COUNTED.fullmatch(message):
        count = int(found["count"])
        return ngettext("expected {count} argument", "expected {count} arguments", count).format(
            count=count
        )
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with the usage prefix in the current language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """Add the usage line, headed "usage: " in the current language."""
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in the current language.

    Sub-command parsers made with ``add_subparsers().add_parser`` are of this
    class too.
    """

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self.add_help = add_help
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=_("show this help message and exit")
            )

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``message`` to stderr in the current language; exit with 2."""
        self.print_usage(sys.stderr)
        said = _("{prog}: error: {message}").format(
            prog=self.prog, message=translate_error(message)
        )
        self.exit(2, f"{said}\n")
