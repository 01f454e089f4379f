"""Printing from the GUI: the print queue's worker, its status and the receipt preview."""
