"""The benchmark suite: build the big shop once, measure every figure against its baseline.

    python -m benchmarks                     everything at full size (100,000 / 1,000,000)
    python -m benchmarks --only start,scan   some figures
    python -m benchmarks --products 2000 --lines 20000 --runs 1   a quick look
    python -m benchmarks --only sales,orders --import-sales 2000   smaller sales files

Figures: start, commit, scan (a product's barcode and a label scale's), search, filter,
import (products), sales (a sales CSV of ``--import-sales`` sales, 20,000), orders (a
TikTok Shop export of 2.5 lines a sale: 50,000), pdf, memory, customers, hub (needs
PostgreSQL: ``BAZAAR_BENCH_POSTGRES`` or its ``initdb`` and ``pg_ctl``). Each is
measured several times (``--runs`` scales how many) and reported as a median
beside a baseline measured in the same run; the ratio is what to compare
between machines. ``--profile FIGURE`` writes a pyinstrument profile of one
figure to benchmarks/.cache/profile-FIGURE.txt (needs the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bazaar_pos import __version__
from bazaar_pos.i18n import set_language
from benchmarks import customers, files, hub, imports, keystrokes, selling, starting
from benchmarks.shop_data import (
    CACHE,
    FULL_LINES,
    FULL_PRODUCTS,
    BuiltShop,
    ShopSize,
    cached_shop,
    work_copy,
)
from benchmarks.stats import Row, baselines, table

HUB_SALES = 2_000
"""Sales pushed by each measured ``hub sync`` at full size (``--runs`` scales it)."""
IMPORT_SALES = 20_000
"""Sales in the imported sales CSV (about 50,000 lines); the marketplace file has as many lines."""
FIGURES = (
    "start",
    "commit",
    "scan",
    "search",
    "filter",
    "import",
    "sales",
    "orders",
    "pdf",
    "memory",
    "customers",
    "hub",
)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--products", type=int, default=FULL_PRODUCTS, help="products in the shop (100,000)"
    )
    parser.add_argument(
        "--lines", type=int, default=FULL_LINES, help="sale lines over the year (1,000,000)"
    )
    parser.add_argument(
        "--import-products", type=int, default=None, help="rows to import (default: --products)"
    )
    parser.add_argument(
        "--import-sales",
        type=int,
        default=IMPORT_SALES,
        help="sales in the imported sales file (20,000; the marketplace file has 2.5 lines each)",
    )
    parser.add_argument("--runs", type=float, default=1.0, help="scale the repetitions")
    parser.add_argument("--only", default=",".join(FIGURES), help="comma-separated figures")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the shop is kept")
    parser.add_argument("--rebuild", action="store_true", help="build the shop again")
    parser.add_argument("--profile", choices=FIGURES, help="profile one figure (pyinstrument)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    if args.profile and importlib.util.find_spec("pyinstrument") is None:
        parser.error("--profile needs pyinstrument: .venv/bin/pip install -e '.[bench]'")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    set_language("en")
    if argv is None:  # run as a program: the real app's look (tests keep theirs)
        keystrokes.styled_application()
    wanted = [f for f in FIGURES if f in args.only.split(",")]
    size = ShopSize(args.products, args.lines)
    built = cached_shop(size, cache=args.cache, rebuild=args.rebuild)
    database = work_copy(built)
    scratch = database.parent
    files_in = imports.ImportBench(scratch / "imports", size.products, args.import_sales)

    def runs(full: int) -> int:
        return max(1, round(full * args.runs))

    steps: dict[str, Callable[[], list[Row]]] = {
        "start": lambda: starting.cold_start(database, runs(7)),
        "commit": lambda: selling.sale_commit(built, database, runs(40)),
        "scan": lambda: _with_shop(
            database,
            lambda s, c: [
                *keystrokes.scanning(built, s, c, runs(200)),
                *keystrokes.scale_scanning(s, c, runs(200)),
            ],
        ),
        "search": lambda: _with_shop(database, lambda s, c: keystrokes.searching(s, c, runs(3))),
        "filter": lambda: _with_shop(database, lambda s, c: keystrokes.filtering(s, c, runs(3))),
        "import": lambda: files.product_import(
            scratch / "import", args.import_products or size.products, runs(3)
        ),
        "sales": lambda: files_in.sales_import(runs(1)),
        "orders": lambda: files_in.orders_import(runs(1)),
        "pdf": lambda: files.report_pdfs(built, database, scratch / "reports", runs(3)),
        "memory": lambda: starting.peak_memory(built, database, runs(3)),
        "customers": lambda: customers.reading(scratch / "customers", runs(7)),
        "hub": lambda: hub.push_throughput(scratch / "hub", runs(HUB_SALES), runs(5)),
    }
    setup: dict[str, Callable[[], None]] = {  # files to write first: not timed, not profiled
        "sales": files_in.prepare_sales,
        "orders": files_in.prepare_orders,
    }
    rows: list[Row] = []
    began = time.perf_counter()
    for figure in wanted:
        if figure in setup:
            print(f"preparing {figure} ...", flush=True)
            setup[figure]()
        print(f"measuring {figure} ...", flush=True)
        with _profiled(args.profile == figure, args.cache / f"profile-{figure}.txt"):
            rows.extend(steps[figure]())
    report = render(rows, built, time.perf_counter() - began)
    print()
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0 if all(r.verdict != "FAIL" for r in rows) else 1


def render(rows: list[Row], built: BuiltShop, elapsed: float) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    return "\n".join(
        [
            f"Bazaar POS {__version__} on {built.size.label} ({built.sales:,} sales);"
            f" {when}; {machine}; Python {platform.python_version()}; measured in"
            f" {elapsed:.0f} s. Medians of the runs; the ratio is to the baseline measured"
            " in the same run.",
            "",
            table(rows),
            "",
            "Baselines:",
            baselines(rows),
        ]
    )


def _with_shop(database: Path, work: Callable[..., list[Row]]) -> list[Row]:
    shop, con = keystrokes.open_shop(database)
    try:
        return work(shop, con)
    finally:
        con.close()
        shop.close()


@contextmanager
def _profiled(wanted: bool, out: Path) -> Iterator[None]:
    if not wanted:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    os.environ["BENCH_PROFILE"] = str(out.with_suffix(".child.txt"))
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        os.environ.pop("BENCH_PROFILE", None)
        tree = profiler.output_text(show_all=False)
        own = _own_time(profiler.last_session.root_frame() if profiler.last_session else None)
        out.write_text(f"{tree}\n{own}", encoding="utf-8")
        print(f"profile written to {out}")


def _own_time(root: Any, top: int = 25) -> str:
    """The functions that spent the most time in their own code (not in what they called)."""
    if root is None:
        return ""
    spent: dict[str, float] = {}
    waiting = [root]
    while waiting:
        frame = waiting.pop()
        waiting.extend(frame.children)
        if frame.is_synthetic:
            continue
        where = f"{frame.function}  {frame.file_path_short}:{frame.line_no}"
        spent[where] = spent.get(where, 0.0) + frame.total_self_time
    total = root.time or 1.0
    ranked = sorted(spent.items(), key=lambda item: -item[1])[:top]
    lines = [f"{s:8.2f} s {100 * s / total:5.1f} %  {where}" for where, s in ranked]
    return "\n".join([f"Own time, top {top} of {total:.1f} s:", *lines]) + "\n"


if __name__ == "__main__":
    sys.exit(main())
