"""A child process that starts a window and reports on one line when it is usable.

    python -m benchmarks.probe bare              a bare PySide6 window with a line edit
    python -m benchmarks.probe bare --orm        ... after importing SQLAlchemy's ORM, as the
                                                 app must (the floor of the app's stack)
    python -m benchmarks.probe app DATABASE      the real app on DATABASE, opened as
                                                 ``bazaar-pos`` opens it (``open_gui``)
    python -m benchmarks.probe app DATABASE --use
                                                 ... then scans, searches, sells, builds and
                                                 visits every screen and scrolls the products

It prints one JSON line, ``{"ready": seconds since the process began, "peak_rss_mib": ...}``,
then leaves at once (the app's closing backup is not part of any figure). The
parent times the whole start from outside; ``ready`` is the child's own view.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bazaar_pos.ui.app.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POLL_MS = 2


def process_seconds() -> float:
    """Seconds since this process began (from the kernel's start time)."""
    with open("/proc/self/stat") as handle:
        started_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as handle:
        uptime = float(handle.read().split()[0])
    return uptime - started_ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mib() -> float:
    """The process's peak resident memory (VmHWM) in MiB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


PROFILE_ENV = "BENCH_PROFILE"
"""Set to a file name to profile the child with pyinstrument (``--profile`` of the suite)."""
_profiler: Any = None


def start_profiling() -> None:
    global _profiler
    if os.environ.get(PROFILE_ENV):
        from pyinstrument import Profiler

        _profiler = Profiler(interval=0.0005)
        _profiler.start()


def leave(line: dict[str, object]) -> None:
    """Print the report line and end the process at once (no closing backup, no teardown)."""
    print(json.dumps(line))
    sys.stdout.flush()
    if _profiler is not None:
        _profiler.stop()
        Path(os.environ[PROFILE_ENV]).write_text(_profiler.output_text(show_all=False))
    os._exit(0)


def report(**extra: object) -> None:
    leave({"ready": process_seconds(), "peak_rss_mib": peak_rss_mib(), **extra})


def bare(orm: bool) -> int:
    if orm:
        import sqlalchemy.orm  # noqa: F401 - the import is what is measured

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    window.resize(1280, 760)
    window.show()
    field.setFocus()

    def poll() -> None:
        if field.hasFocus() and window.isVisible():
            timer.stop()
            report()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(POLL_MS)
    return app.exec()


def app(database: Path, use: bool) -> int:
    # The app starts as its command line starts it; Qt loads with it, after its core.
    from bazaar_pos.launch import open_gui

    def watch(main: MainWindow) -> None:
        from PySide6.QtCore import QTimer

        def poll() -> None:
            if not main.till.scan.hasFocus() or not main.till.quick_pick.tiles:
                return
            timer.stop()
            ready = process_seconds()
            extra: dict[str, object] = {}
            if use:
                extra = use_the_app(main)
            main.wait_for_backups()
            leave({"ready": ready, "peak_rss_mib": peak_rss_mib(), **extra})

        timer = QTimer(main)
        timer.timeout.connect(poll)
        timer.start(POLL_MS)
        poll()

    return open_gui(database, log_path=database.parent / "bench.log", shown=watch)


def use_the_app(main: object) -> dict[str, object]:
    """Work the app as a busy day would: the till, every screen, the products scrolled."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bazaar_pos.domain.payment import PaymentMethod, Tender
    from bazaar_pos.ui.app.main_window import MainWindow

    assert isinstance(main, MainWindow)
    app = QApplication.instance()
    assert app is not None
    till = main.till
    codes = json.loads(os.environ.get("BENCH_BARCODES", "[]"))
    for sale in range(3):
        for code in codes[sale * 10 : sale * 10 + 10]:
            till.scan.setText(code)
            QTest.keyClick(till.scan, Qt.Key.Key_Return)
            app.processEvents()
        if len(till.cart):
            till.complete_sale([Tender(PaymentMethod.CASH, till.cart.totals().total)])
            app.processEvents()
    for word in ("kopi gayo", "tenun merah", "pk-0042"):
        till.scan.clear()
        QTest.keyClicks(till.scan, word)
        till._search_now()
        app.processEvents()
    till._escape()
    for screen in range(1, 5):
        main.show_screen(screen)
        app.processEvents()
    main.show_screen(1)
    table = main.products.table
    for _ in range(40):
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
        app.processEvents()
    main.reports.background.wait()
    main.show_screen(0)
    app.processEvents()
    return {"rows_scrolled": main.products.model.rowCount()}


def main(argv: list[str]) -> int:
    start_profiling()
    use = "--use" in argv
    args = [a for a in argv if not a.startswith("--")]
    if args[:1] == ["bare"]:
        return bare("--orm" in argv)
    if args[:1] == ["app"] and len(args) == 2:
        return app(Path(args[1]), use)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
