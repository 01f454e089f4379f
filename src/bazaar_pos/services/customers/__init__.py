"""Customers who come back: their details, groups with member prices, kasbon and pre-orders."""
