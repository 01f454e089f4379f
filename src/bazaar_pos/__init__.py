"""Bazaar POS: offline point of sale and inventory for market stalls."""

__version__ = "0.1.0"
