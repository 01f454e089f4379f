"""``bazaar-pos labels``: a PDF of product labels with price and barcode."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.commands.progress import TerminalProgress
from bazaar_pos.exports.labels import DEFAULT_TEMPLATE, TEMPLATES
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.products.labels import LabelRequest
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``labels`` sub-command."""
    labels = commands.add_parser(
        "labels",
        help=_("print product labels with price and barcode to a PDF"),
        description=_(
            "Write labels for the products chosen (every active product when none is "
            "chosen). Products without a barcode get an internal EAN-13 code first."
        ),
        epilog=_("Templates: {templates}").format(
            templates="; ".join(f"{t.name} ({_(t.description)})" for t in TEMPLATES.values())
        ),
    )
    labels.add_argument(
        "--sku", action="append", default=[], metavar="SKU", help=_("a product (repeatable)")
    )
    labels.add_argument("--category", metavar="NAME", help=_("every active product in NAME"))
    labels.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        choices=sorted(TEMPLATES),
        metavar="NAME",
        help=_("label sheet or roll (default: {name})").format(name=DEFAULT_TEMPLATE),
    )
    how_many = labels.add_mutually_exclusive_group()
    how_many.add_argument(
        "--copies", type=int, default=1, metavar="N", help=_("labels per product (default 1)")
    )
    how_many.add_argument("--per-stock", action="store_true", help=_("one label per item in stock"))
    labels.add_argument(
        "--skip",
        type=int,
        default=0,
        metavar="N",
        help=_("leave N labels blank on the first sheet"),
    )
    labels.add_argument(
        "--outline", action="store_true", help=_("draw label edges, to test on plain paper")
    )
    labels.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    labels.set_defaults(run=_labels)


def _labels(shop: Shop, args: argparse.Namespace) -> int:
    request = LabelRequest(
        skus=tuple(args.sku),
        category=args.category,
        template=args.template,
        copies=args.copies,
        per_stock=args.per_stock,
        skip=args.skip,
        outline=args.outline,
    )
    with TerminalProgress() as progress:
        result = shop.labels.write(request, args.output, progress=progress)
    if result.barcodes_assigned:
        print(
            _("New internal barcodes for: {skus}").format(skus=", ".join(result.barcodes_assigned))
        )
    message = ngettext(
        "Wrote {labels} labels for {products} product on {pages} page(s) to {file}.",
        "Wrote {labels} labels for {products} products on {pages} page(s) to {file}.",
        result.products,
    )
    print(
        message.format(
            labels=result.labels, products=result.products, pages=result.pages, file=result.path
        )
    )
    return EXIT_OK
