"""``bazaar-pos payments settle|presets``: QRIS payments confirmed from the settlement report."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.access import COMMAND_LINE
from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.settlement import DEFAULT_WINDOW
from bazaar_pos.domain.settlement_report import FIELDS
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.merging.settlement import SettlementPlan
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``payments`` sub-command."""
    payments = commands.add_parser("payments", help=_("QRIS payments and settlement reports"))
    actions = payments.add_subparsers(dest="action", metavar="ACTION", required=True)
    settle = actions.add_parser(
        "settle",
        help=_(
            "confirm QRIS payments from the merchant's QRIS, e-wallet or bank report, and list "
            "the confirmed ones it does not show"
        ),
    )
    settle.add_argument("file", type=Path)
    settle.add_argument(
        "--map",
        metavar="PRESET_OR_FILE",
        help=_("a column mapping: a preset's name, or a CSV file of field,header rows"),
    )
    settle.add_argument(
        "--window",
        type=_minutes,
        default=DEFAULT_WINDOW,
        metavar="MINUTES",
        help=_("how far apart the till's and the report's times may be (default: 15)"),
    )
    settle.add_argument(
        "--pick",
        action="append",
        default=[],
        metavar="SALE=LINE",
        help=_("for a report line with several possible payments: the sale it is"),
    )
    settle.add_argument(
        "--save-preset", metavar="NAME", help=_("keep the column mapping under this name")
    )
    settle.add_argument(
        "--dry-run", action="store_true", help=_("check the file without changing anything")
    )
    settle.set_defaults(run=_settle)
    presets = actions.add_parser("presets", help=_("list the column mappings of reports"))
    presets.set_defaults(run=_presets, shared=True)


def _minutes(text: str) -> timedelta:
    if not text.isdigit() or not 0 < int(text) <= 24 * 60:
        raise argparse.ArgumentTypeError(_("a number of minutes from 1 to 1440"))
    return timedelta(minutes=int(text))


def _settle(shop: Shop, args: argparse.Namespace) -> int:
    service = shop.settlement
    mapping: str | dict[str, str] | None = args.map
    if args.map is not None and Path(args.map).suffix.lower() == ".csv":
        mapping = service.read_mapping(Path(args.map))
    plan = service.plan(args.file, mapping=mapping, window=args.window)
    if not plan.ready:
        raise UserError(
            _("{path} was not read; nothing was changed:\n{problems}").format(
                path=args.file, problems="\n".join(plan.problems)
            )
        )
    picks = _picks(plan, args.pick)
    summary = service.apply(plan, COMMAND_LINE.name, picks=picks, dry_run=args.dry_run)
    if args.save_preset and not args.dry_run:
        service.save_preset(args.save_preset, plan.mapping, by=COMMAND_LINE.name)
    settings = shop.settings.load()

    def money(amount: int) -> str:
        return format_money(amount, settings.currency, settings.money_locale)

    def when(moment: datetime) -> str:
        return moment.astimezone(shop.zone).strftime("%Y-%m-%d %H:%M")

    entries = len(plan.confirm) + len(plan.verified) + len(plan.ambiguous) + len(plan.unknown)
    print(
        _(
            "{file} ({shape}): rows read: {rows}; money in: {entries}; passed over: {skipped}."
        ).format(
            file=plan.path.name,
            shape=plan.preset or _("column mapping"),
            rows=plan.rows,
            entries=entries,
            skipped=plan.skipped,
        )
    )
    if summary.written:
        print(
            ngettext(
                "{count} payment confirmed:", "{count} payments confirmed:", len(summary.confirmed)
            ).format(count=len(summary.confirmed))
        )
    else:
        print(
            ngettext(
                "Nothing was changed; {count} payment would be confirmed:",
                "Nothing was changed; {count} payments would be confirmed:",
                len(summary.confirmed),
            ).format(count=len(summary.confirmed))
        )
    for line, payment in summary.confirmed:
        print(
            _("  line {line}: {number}  {amount}  {time}").format(
                line=line,
                number=payment.sale_number,
                amount=money(payment.amount),
                time=when(payment.sold_at),
            )
        )
    for number in summary.already:
        print(_("  {number} was confirmed meanwhile; left as it is.").format(number=number))
    if plan.verified:
        print(
            ngettext(
                "{count} payment confirmed at the till is in the report.",
                "{count} payments confirmed at the till are in the report.",
                len(plan.verified),
            ).format(count=len(plan.verified))
        )
    open_choices = [(e, o) for e, o in plan.ambiguous if e.line not in picks]
    if open_choices:
        print(
            ngettext(
                "{count} line could be more than one payment; pick in the app, or with "
                "--pick SALE=LINE:",
                "{count} lines could be more than one payment; pick in the app, or with "
                "--pick SALE=LINE:",
                len(open_choices),
            ).format(count=len(open_choices))
        )
        for entry, options in open_choices:
            print(
                _("  line {line}: {amount} at {time}: {sales}").format(
                    line=entry.line,
                    amount=money(entry.amount),
                    time=when(entry.at),
                    sales=", ".join(f"{p.sale_number} ({when(p.sold_at)})" for p in options),
                )
            )
    if plan.check:
        print(
            ngettext(
                "Check this: {count} QRIS payment confirmed at the till is not in the report "
                "(a payment screenshot is no proof):",
                "Check these: {count} QRIS payments confirmed at the till are not in the report "
                "(a payment screenshot is no proof):",
                len(plan.check),
            ).format(count=len(plan.check))
        )
        for payment in plan.check:
            print(
                _("  {number}  {amount}  {time}  confirmed by {who}").format(
                    number=payment.sale_number,
                    amount=money(payment.amount),
                    time=when(payment.sold_at),
                    who=payment.cashier or _("Owner"),
                )
            )
    if plan.unknown:
        print(
            ngettext(
                "{count} line of money in matches no QRIS payment at the till:",
                "{count} lines of money in match no QRIS payment at the till:",
                len(plan.unknown),
            ).format(count=len(plan.unknown))
        )
        for entry in plan.unknown:
            print(
                _("  line {line}: {amount} at {time}").format(
                    line=entry.line, amount=money(entry.amount), time=when(entry.at)
                )
            )
    return EXIT_OK


def _picks(plan: SettlementPlan, given: list[str]) -> dict[int, int]:
    """``SALE=LINE`` options as report line -> payment id; UserError for one that fits no line."""
    picks: dict[int, int] = {}
    rows = {entry.line: options for entry, options in plan.ambiguous}
    for text in given:
        number, _sep, line_text = text.partition("=")
        if not line_text.strip().isdigit():
            raise UserError(
                _("--pick {text!r}: write the sale and the report line, as A-000012=7.").format(
                    text=text
                )
            )
        line = int(line_text)
        options = rows.get(line, ())
        payment = next((p for p in options if p.sale_number == number.strip()), None)
        if payment is None:
            if not options:
                raise UserError(
                    _("Line {line} of the report has no payment to pick.").format(line=line)
                )
            raise UserError(
                _("Line {line} of the report cannot be that payment; it may be: {sales}").format(
                    line=line, sales=", ".join(p.sale_number for p in options)
                )
            )
        picks[line] = payment.id
    return picks


def _presets(shop: Shop, args: argparse.Namespace) -> int:
    for name, mapping in shop.settlement.presets().items():
        columns = ", ".join(f"{f}={mapping[f]}" for f in FIELDS if mapping.get(f))
        print(_("{name}: {columns}").format(name=name, columns=columns))
    return EXIT_OK
