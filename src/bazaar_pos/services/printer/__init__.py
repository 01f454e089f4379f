"""The receipt printer: its settings, printing and the cash drawer, receipts and the print queue."""
