"""``bazaar-pos customers add|list|show|pay|statement|receivables``: customers and their kasbon.

A customer is named by name (case ignored) or phone number. Amounts are
typed as at the till (``100000``, ``100.000``, ``100rb``) and written as the
shop writes money (``Rp305.000``); what the shop owes a customer says so.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.dates import local_date
from bazaar_pos.domain.money import format_money, parse_money
from bazaar_pos.domain.payment import PaymentMethod, method_label
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receivables import BUCKET_LABELS, AgeBucket, balance_text, entry_label
from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.customers.accounts import REPAYMENT_METHODS
from bazaar_pos.services.customers.files import ReceivablesFormat, format_of
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView
from bazaar_pos.services.shop import Shop

Money = Callable[[int], str]


def register(commands: Subparsers) -> None:
    """Add the ``customers`` sub-command."""
    customers = commands.add_parser("customers", help=_("customers, kasbon and repayments"))
    actions = customers.add_subparsers(dest="action", metavar="ACTION", required=True)
    adder = actions.add_parser("add", help=_("add a customer"))
    adder.add_argument("name")
    adder.add_argument("--phone", default="", help=_("e.g. 0812-3456-7890 (for WhatsApp)"))
    adder.add_argument("--group", help=_("the customer group, by name (e.g. Reseller)"))
    adder.set_defaults(run=_add)
    listing = actions.add_parser("list", help=_("every customer with phone and amount owed"))
    listing.add_argument("--owing", action="store_true", help=_("only customers who owe"))
    listing.set_defaults(run=_list, shared=True)
    show = actions.add_parser("show", help=_("a customer's details and kasbon entries"))
    show.add_argument("name", help=_("name or phone number"))
    show.set_defaults(run=_show, shared=True)
    pay = actions.add_parser("pay", help=_("record money a customer pays back"))
    pay.add_argument("name", help=_("name or phone number"))
    pay.add_argument("amount", help=_("e.g. 100000, 100.000 or 100rb"))
    pay.add_argument(
        "--method",
        choices=[m.value for m in REPAYMENT_METHODS],
        default=PaymentMethod.CASH.value,
        help=_("how it was paid (default: cash)"),
    )
    pay.add_argument("--reference", default="", help=_("a transfer or QRIS reference"))
    pay.add_argument("--note", default="")
    pay.set_defaults(run=_pay)
    statement = actions.add_parser("statement", help=_("a customer's kasbon statement as PDF"))
    statement.add_argument("name", help=_("name or phone number"))
    statement.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    statement.add_argument(
        "--from", dest="first", type=local_date, metavar="DATE", help=_("first day")
    )
    statement.add_argument(
        "--to", dest="last", type=local_date, metavar="DATE", help=_("last day (default: today)")
    )
    statement.set_defaults(run=_statement, shared=True)
    receivables = actions.add_parser(
        "receivables", help=_("what customers owe, by age (0-30, 31-60, 61-90, over 90 days)")
    )
    receivables.add_argument(
        "-o", "--output", type=Path, metavar="FILE.csv|.xlsx|.pdf", help=_("write it to a file")
    )
    receivables.set_defaults(run=_receivables, shared=True)


def _money(shop: Shop) -> Money:
    settings = shop.settings.load()
    return lambda minor: format_money(minor, settings.currency, settings.money_locale)


def _add(shop: Shop, args: argparse.Namespace) -> int:
    group_id = None
    if args.group:
        groups = shop.customers.groups()
        found = [g for g in groups if g.name.casefold() == args.group.strip().casefold()]
        if not found and not groups:
            raise NotFoundError(
                _("No customer group called {group}: the shop has no groups yet.").format(
                    group=args.group
                )
            )
        if not found:
            raise NotFoundError(
                _("No customer group called {group}. The groups are: {names}.").format(
                    group=args.group, names=", ".join(g.name for g in groups)
                )
            )
        group_id = found[0].id
    customer = shop.customers.add(CustomerDraft(args.name, args.phone, group_id))
    print(_("Added {customer}.").format(customer=_who(customer)))
    return EXIT_OK


def _who(customer: CustomerView) -> str:
    phone = display_phone(customer.phone)
    return f"{customer.name} ({phone})" if phone else customer.name


def _list(shop: Shop, args: argparse.Namespace) -> int:
    money = _money(shop)
    # Someone no longer active may still owe: --owing lists them too.
    for customer in shop.customers.find("", include_inactive=args.owing):
        if args.owing and customer.owed <= 0:
            continue
        phone = display_phone(customer.phone) or "-"
        print(f"{customer.name}\t{phone}\t{balance_text(customer.owed, money)}")
    return EXIT_OK


def _show(shop: Shop, args: argparse.Namespace) -> int:
    money = _money(shop)
    customer = shop.customers.named(args.name)
    print(customer.name)
    for label, value in (
        (_("Phone"), display_phone(customer.phone)),
        (_("Group"), customer.group_name),
        (_("Address"), customer.address),
        (_("Notes"), customer.notes),
        (_("Credit limit"), money(customer.credit_limit)),
        (_("Owed"), balance_text(customer.owed, money)),
    ):
        if value:
            print(_("{label}: {value}").format(label=label, value=value))
    for entry in shop.accounts.entries(customer.id):
        day = entry.created_at.astimezone(shop.zone).strftime("%Y-%m-%d %H:%M")
        due = _("due {day}").format(day=entry.due_on.isoformat()) if entry.due_on else ""
        what = entry_label(entry.kind)
        if entry.method:
            what = f"{what} ({method_label(entry.method)})"
        parts = [day, entry.sale_number, what, due]
        parts += [money(entry.amount), balance_text(entry.balance_after, money)]
        print("\t".join(parts))
    return EXIT_OK


def _pay(shop: Shop, args: argparse.Namespace) -> int:
    money = _money(shop)
    customer = shop.customers.named(args.name)
    try:
        amount = parse_money(args.amount, shop.settings.load().currency)
    except ValueError:
        raise UserError(_("{text} is not an amount of money.").format(text=args.amount)) from None
    if amount <= 0:
        raise UserError(_("The amount must be more than zero."))
    if amount > max(customer.owed, 0):
        raise UserError(
            _("{name} owes {owed}: {amount} is more than that. Nothing was recorded.").format(
                name=customer.name,
                owed=balance_text(customer.owed, money),
                amount=money(amount),
            )
        )
    method = PaymentMethod(args.method)
    entry = shop.accounts.repay(
        customer.id, amount, method, reference=args.reference, note=args.note
    )
    before = entry.balance_after + amount  # as the repayment's own transaction read it
    print(_("{name} owed {owed}.").format(name=customer.name, owed=money(before)))
    print(
        _("Paid back {amount} ({method}). Owed now: {left}.").format(
            amount=money(amount),
            method=method_label(method),
            left=balance_text(entry.balance_after, money),
        )
    )
    return EXIT_OK


def _statement(shop: Shop, args: argparse.Namespace) -> int:
    if args.first and args.last and args.last < args.first:
        raise UserError(_("--to is before --from."))  # a day after today is refused below too
    if args.output.suffix.lower() != ".pdf":
        raise UserError(_("The statement is a PDF: name the file ….pdf."))
    customer = shop.customers.named(args.name)
    pages = shop.account_files.write_statement(customer.id, args.output, args.first, args.last)
    message = ngettext("Wrote {path} ({count} page).", "Wrote {path} ({count} pages).", pages)
    print(message.format(path=args.output, count=pages))
    return EXIT_OK


def _receivables(shop: Shop, args: argparse.Namespace) -> int:
    if args.output is not None:
        file_format = format_of(args.output)
        count = shop.account_files.write_receivables(args.output, file_format)
        if file_format is ReceivablesFormat.PDF:
            message = ngettext(
                "Wrote {path} ({count} page).", "Wrote {path} ({count} pages).", count
            )
        else:
            message = ngettext(
                "Wrote {path} ({count} customer).", "Wrote {path} ({count} customers).", count
            )
        print(message.format(path=args.output, count=count))
        return EXIT_OK
    money = _money(shop)
    found = shop.accounts.receivables()
    if not found:
        print(_("No customer owes anything."))
        return EXIT_OK
    headings = [_("Customer"), _("Owed"), *(_(BUCKET_LABELS[b]) for b in AgeBucket)]
    print("\t".join(headings))
    for receivable in found:
        amounts = [money(receivable.buckets.get(b, 0)) for b in AgeBucket]
        owed = balance_text(receivable.customer.owed, money)
        print("\t".join([receivable.customer.name, owed, *amounts]))
    print(_("Total owed: {amount}").format(amount=money(shop.accounts.total_owed())))
    return EXIT_OK
