"""python-escpos's printers and profiles, imported without the logging set-up it does.

python-escpos 3.1 calls ``logging.basicConfig()`` when it is imported, which would send
every later log record to stderr; the handler it adds is taken away again here.
Modules that need python-escpos import it from here.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_before = list(_root.handlers)

from escpos import printer as escpos_printer  # noqa: E402
from escpos.capabilities import CAPABILITIES, get_profile  # noqa: E402
from escpos.constants import RT_STATUS  # noqa: E402
from escpos.escpos import Escpos  # noqa: E402

for _handler in _root.handlers[:]:
    if _handler not in _before:
        _root.removeHandler(_handler)

__all__ = ["CAPABILITIES", "RT_STATUS", "Escpos", "escpos_printer", "get_profile"]
