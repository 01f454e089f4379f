"""Devices beside the printer on a serial line: counter scales and customer pole displays."""
