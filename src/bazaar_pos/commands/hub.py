"""``bazaar-pos hub init|join|sync|status``: several tills of one shop through a PostgreSQL hub."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, EXIT_PROBLEM, Subparsers
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``hub`` sub-command."""
    hub = commands.add_parser(
        "hub", help=_("share one shop between several tills through a PostgreSQL hub")
    )
    actions = hub.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=_("create or upgrade the hub's tables"))
    init.add_argument("url", metavar="URL", help="postgresql://USER:PASSWORD@HOST:PORT/DBNAME")
    init.set_defaults(run_file=_init, shared=True)
    join = actions.add_parser("join", help=_("join this till to the hub and send what it holds"))
    join.add_argument("url", metavar="URL", help="postgresql://USER:PASSWORD@HOST:PORT/DBNAME")
    join.add_argument("--till", required=True, metavar="NAME", help=_("this till's name"))
    join.set_defaults(run=_join)
    sync = actions.add_parser("sync", help=_("send waiting records and receive other tills'"))
    sync.set_defaults(run=_sync)
    status = actions.add_parser("status", help=_("show the hub, this till and what waits"))
    status.set_defaults(run=_status)


def _init(_db_path: Path, args: argparse.Namespace) -> int:
    from bazaar_pos.services.hub.address import HubAddress
    from bazaar_pos.services.hub.schema import init_hub

    summary = init_hub(HubAddress.parse(args.url))
    if summary.before == summary.after:
        print(_("The hub {hub} is up to date.").format(hub=summary.hub))
    else:
        print(_("The hub {hub} is ready.").format(hub=summary.hub))
    return EXIT_OK


def _join(shop: Shop, args: argparse.Namespace) -> int:
    with TerminalProgress() as progress:
        result = shop.hub.join(args.url, args.till, progress=progress)
    _warn_oversold(result.applied.oversold)
    _warn_clashes(result.applied.clashes)
    print(
        _("This till joined the hub as {name}. Its receipt numbers start with {code}.").format(
            name=args.till.strip(), code=shop.settings.load().till_code
        )
    )
    return _report(shop, result.sent, result.refused, result.received)


def _sync(shop: Shop, args: argparse.Namespace) -> int:
    with TerminalProgress() as progress:
        result = shop.hub.sync(progress=progress)
    _warn_oversold(result.applied.oversold)
    _warn_clashes(result.applied.clashes)
    return _report(shop, result.sent, result.refused, result.received)


def _warn_oversold(skus: list[str]) -> None:
    if skus:
        print(
            _("Sold on two tills at once, stock now below zero (see the audit log): {skus}").format(
                skus=", ".join(skus)
            ),
            file=sys.stderr,
        )


def _warn_clashes(clashes: list[str]) -> None:
    """Codes mapped to two products, returns confirmed on two tills: one line each."""
    for clash in clashes:
        print(clash, file=sys.stderr)


def _report(shop: Shop, sent: int, refused: int, received: int) -> int:
    print(
        _("Sent: {sent}. Received from other tills: {received}.").format(
            sent=sent, received=received
        )
    )
    kept = len(shop.hub.status().refused)
    if kept:
        print(
            ngettext(
                "{count} record was refused by the hub and is kept aside: see “hub status”.",
                "{count} records were refused by the hub and are kept aside: see “hub status”.",
                kept,
            ).format(count=kept),
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    return EXIT_OK


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else _("never")


def _status(shop: Shop, args: argparse.Namespace) -> int:
    status = shop.hub.status()
    if not status.joined:
        print(_("This till has not joined a shop hub."))
        return EXIT_OK
    print(_("Hub: {hub}").format(hub=status.hub))
    print(_("Till: {name}").format(name=status.till_name))
    print(_("Records waiting: {count}").format(count=status.waiting))
    print(_("Last sync: {when}").format(when=_when(status.last_sync_at)))
    if status.last_error:
        print(_("Last error: {error}").format(error=status.last_error))
    if status.offline_since:
        print(_("Offline since: {when}").format(when=_when(status.offline_since)))
    print(_("Records refused: {count}").format(count=len(status.refused)))
    for refusal in status.refused:
        print(f"  {refusal.kind} {refusal.uuid}: {refusal.reason}")
    if status.held:
        print(
            _("Records held until what they need arrives: {count}").format(count=len(status.held))
        )
        for held in status.held:
            print(f"  {held.kind} {held.uuid}: {held.reason}")
    return EXIT_OK
