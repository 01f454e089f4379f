"""``bazaar-pos products import|export|presets``: the product list as CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from bazaar_pos.commands import EXIT_OK, Subparsers
from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.quantity import plain_quantity
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.column_presets import read_mapping_file
from bazaar_pos.services.products.files.columns import HeaderLanguage
from bazaar_pos.services.products.files.loyverse import StoreNeeded
from bazaar_pos.services.products.files.presets import FIELDS, PRESET_KIND
from bazaar_pos.services.products.files.service import ImportPreview, UnrecognisedColumns
from bazaar_pos.services.products.files.sources import FileShape
from bazaar_pos.services.shop import Shop


def register(commands: Subparsers) -> None:
    """Add the ``products`` sub-command."""
    products = commands.add_parser("products", help=_("import or export the product list"))
    actions = products.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help=_("import products from CSV or XLSX"))
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check the file and list what would change, without changing anything"),
    )
    importer.add_argument(
        "--store",
        metavar="NAME",
        help=_("the store to take prices and stock from, in an export with several stores"),
    )
    importer.add_argument(
        "--map",
        metavar="PRESET_OR_FILE",
        help=_("read the file's columns with a preset, or a CSV of header,field lines"),
    )
    importer.set_defaults(run=_import)
    presets = actions.add_parser(
        "presets", help=_("list the column presets, or save a mapping file as one")
    )
    presets.add_argument("what", choices=["list", "save"], metavar="list|save")
    presets.add_argument("name", nargs="?", help=_("the preset's name (to save)"))
    presets.add_argument(
        "mapping", nargs="?", type=Path, help=_("a CSV of header,field lines (to save)")
    )
    presets.set_defaults(run=_presets)
    exporter = actions.add_parser(
        "export", help=_("export products to CSV or XLSX (by the file's extension)")
    )
    exporter.add_argument("file", type=Path)
    exporter.add_argument(
        "--headers",
        choices=[h.value for h in HeaderLanguage],
        default=HeaderLanguage.ENGLISH.value,
        help=_("header language: en (sku, name, ...) or id (kode, nama, ...)"),
    )
    exporter.set_defaults(run=_export, shared=True)


def _import(shop: Shop, args: argparse.Namespace) -> int:
    files = shop.product_files
    mapping = None if args.map is None else files.mapping_named(args.map)
    try:
        summary = files.import_file(
            args.file, dry_run=args.dry_run, store=args.store, mapping=mapping
        )
    except UnrecognisedColumns as unknown:
        raise UserError(
            "\n".join(
                [
                    str(unknown),
                    _(
                        "Map them with --map PRESET_OR_FILE. Presets: {presets}. A mapping "
                        "file has one line per column: the file's header, a comma, the field."
                    ).format(presets=", ".join(files.presets.names(PRESET_KIND))),
                    _("Fields: {fields}.").format(fields=", ".join(FIELDS)),
                ]
            )
        ) from None
    except StoreNeeded as several:
        raise UserError(
            _("The file has prices and stock for several stores: {stores}. "
              "Choose one with --store NAME.").format(stores=", ".join(several.stores))
        ) from None
    if summary.dry_run:
        _list_changes(files.preview(args.file, store=args.store, mapping=mapping), shop)
        print(_("Checked {file}: it can be imported. Nothing was changed.").format(file=args.file))
    print(
        _("{created} products added, {updated} updated, stock set for {stock}.").format(
            created=summary.created, updated=summary.updated, stock=summary.stock_set
        )
    )
    return EXIT_OK


def _list_changes(preview: ImportPreview, shop: Shop) -> None:
    """Say how the file was read, then one line per row: what it does, and at what price."""
    settings = shop.settings.load()
    if preview.shape is FileShape.LOYVERSE:
        print(
            _("Read as a Loyverse items export (store: {store}).").format(
                store=preview.store or "-"
            )
        )
    elif preview.preset is not None:
        print(_("Read with the preset {preset}.").format(preset=preview.preset))
    for row in preview.rows:
        action = _("new") if row.action == "create" else _("update")
        if row.action == "update":
            action = (
                _("update ({fields})").format(fields=", ".join(row.changes))
                if row.changes
                else _("no change")
            )
        price = "" if row.price is None else format_money(
            row.price, settings.currency, settings.money_locale
        )
        text = _("Line {line}: {action} {sku} {name} {price}").format(
            line=row.line, action=action, sku=row.sku, name=row.name, price=price
        )
        if row.stock is not None:
            text = _("{row}, stock {stock}").format(row=text, stock=plain_quantity(row.stock))
        if row.notes:
            text = _("{row} ({notes})").format(row=text, notes="; ".join(row.notes))
        print(text)


def _presets(shop: Shop, args: argparse.Namespace) -> int:
    presets = shop.product_files.presets
    if args.what == "save":
        if args.name is None or args.mapping is None:
            raise UserError(_("Give the preset's name and a mapping file: presets save NAME FILE"))
        presets.save(PRESET_KIND, args.name, read_mapping_file(args.mapping))
        print(_("Saved the preset {name}.").format(name=args.name))
        return EXIT_OK
    for name in presets.names(PRESET_KIND):
        mapping = presets.get(PRESET_KIND, name)
        print(name)
        for header, field in mapping.items():
            print(f"  {header} -> {field}")
    return EXIT_OK


def _export(shop: Shop, args: argparse.Namespace) -> int:
    count = shop.product_files.export_file(args.file, headers=HeaderLanguage(args.headers))
    message = ngettext(
        "Exported {count} product to {file}.", "Exported {count} products to {file}.", count
    )
    print(message.format(count=count, file=args.file))
    return EXIT_OK
