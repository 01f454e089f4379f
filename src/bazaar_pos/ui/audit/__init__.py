"""The audit log on screen: filters, the events, and a CSV export."""
