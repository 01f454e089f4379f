"""Benchmarks of Bazaar POS at market and organiser scale (run ``python -m benchmarks``)."""
