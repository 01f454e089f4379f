"""Receipts to ESC/POS printers through python-escpos.

python-escpos 3.1 calls ``logging.basicConfig()`` when it is imported, which would send
every later log record to stderr; the handler it adds is taken away again here.
"""

from __future__ import annotations

import logging


def _import_escpos_quietly() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    import escpos.printer  # noqa: F401

    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)


_import_escpos_quietly()
