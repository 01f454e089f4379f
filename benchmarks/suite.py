"""The benchmark suite: build the big shop once, measure every figure against its baseline.

    python -m benchmarks                     everything at full size (100,000 / 1,000,000)
    python -m benchmarks --only start,scan   some figures
    python -m benchmarks --products 2000 --lines 20000 --runs 1   a quick look

Figures: start, commit, scan, search, filter, import, pdf, memory, customers, hub (needs
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bazaar_pos import __version__
from bazaar_pos.i18n import set_language
from benchmarks import customers, files, hub, keystrokes, selling, starting
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
FIGURES = (
    "start",
    "commit",
    "scan",
    "search",
    "filter",
    "import",
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

    def runs(full: int) -> int:
        return max(1, round(full * args.runs))

    steps: dict[str, Callable[[], list[Row]]] = {
        "start": lambda: starting.cold_start(database, runs(7)),
        "commit": lambda: selling.sale_commit(built, database, runs(40)),
        "scan": lambda: _with_shop(
            database, lambda s, c: keystrokes.scanning(built, s, c, runs(200))
        ),
        "search": lambda: _with_shop(database, lambda s, c: keystrokes.searching(s, c, runs(3))),
        "filter": lambda: _with_shop(database, lambda s, c: keystrokes.filtering(s, c, runs(3))),
        "import": lambda: files.product_import(
            scratch / "import", args.import_products or size.products, runs(3)
        ),
        "pdf": lambda: files.report_pdfs(built, database, scratch / "reports", runs(3)),
        "memory": lambda: starting.peak_memory(built, database, runs(3)),
        "customers": lambda: customers.reading(scratch / "customers", runs(7)),
        "hub": lambda: hub.push_throughput(scratch / "hub", runs(HUB_SALES), runs(5)),
    }
    rows: list[Row] = []
    began = time.perf_counter()
    for figure in wanted:
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
        out.write_text(profiler.output_text(show_all=False), encoding="utf-8")
        print(f"profile written to {out}")


if __name__ == "__main__":
    sys.exit(main())
