"""The benchmark suite's code paths on a very small shop, so they cannot rot (no timings)."""

from __future__ import annotations

import json

import pytest
from benchmarks import suite
from benchmarks.shop_data import ShopSize, cached_shop, check_shop
from benchmarks.stats import Row, Sample, Target, table


def test_the_generated_shop_passes_the_database_checks(tmp_path):
    built = cached_shop(ShopSize(200, 1_000), cache=tmp_path, say=lambda _text: None)
    assert check_shop(built.path) == []
    assert built.size.lines == 1_000
    assert built.sales > 200  # several lines per sale
    assert built.barcodes
    assert all(len(code) == 13 for code in built.barcodes)
    facts = json.loads(built.path.with_suffix(".json").read_text())
    again = cached_shop(ShopSize(200, 1_000), cache=tmp_path, say=pytest.fail)
    assert again.path == built.path  # cached: not built twice
    assert again.sales == facts["sales"]


def test_every_figure_runs_on_a_small_shop(tmp_path, qapp, postgres_server, monkeypatch):
    server = postgres_server.url().rsplit("/", 1)[0]
    monkeypatch.setenv("BAZAAR_BENCH_POSTGRES", server)  # the hub figure's server
    out = tmp_path / "table.md"
    suite.main(
        [
            "--products",
            "200",
            "--lines",
            "1000",
            "--runs",
            "0.01",
            "--import-sales",
            "20",
            "--cache",
            str(tmp_path),
            "--markdown",
            str(out),
        ]
    )
    text = out.read_text(encoding="utf-8")
    for figure in (
        "Cold start to a usable till",
        "Cold start floor: bare window + SQLAlchemy ORM import",
        "Durable sale commit",
        "Scan to line on screen, median",
        "Scan to line on screen, p95",
        "Scale label scan to line on screen, median",
        "Scale label scan to line on screen, p95",
        "Till search per keystroke, median",
        "Products filter per keystroke, p95",
        "Import 200 products (CSV)",
        "Import 20 sales (",
        "Import a 50-line marketplace export (TikTok Shop CSV,",
        "Reading the 50-line marketplace export alone",
        "Summary PDF, busiest month",
        "Summary PDF, whole year (1,000 lines)",
        "Peak memory (RSS)",
        "Customers list (10,000, with what each owes)",
        "Statement of a customer with 2,000 entries",
        "Hub push, 20 sales (80 records) by hub sync",
    ):
        assert figure in text, figure
    assert "PASS" in text or "FAIL" in text
    assert list((tmp_path / "work" / "reports").glob("*.pdf"))


def test_the_table_shows_ratio_target_and_verdict():
    rows = [
        Row("Scan", "ms", 8.0, 2.0, "bare", Target(limit=16), 3),
        Row("Start", "s", 3.0, 1.0, "bare window", Target(ratio=1.5), 3),
    ]
    text = table(rows)
    scan, start = text.splitlines()[2:4]
    assert scan.startswith("| Scan ")
    for part in ("8.0 ms", "2.0 ms", "4.0x", "< 16 ms", "PASS"):
        assert part in scan
    for part in ("3.00 s", "3.0x", "<= 1.5x baseline", "FAIL"):
        assert part in start
    sample = Sample.of([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (sample.median, sample.p95) == (3.0, 5.0)
