"""Receipts to ESC/POS printers through python-escpos.

python-escpos is imported through :mod:`bazaar_pos.printing.quiet_escpos`, and
only when a printer is first used: importing it takes a fifth of a second,
which the app's start does not pay.
"""
