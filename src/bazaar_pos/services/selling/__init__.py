"""Selling at the till: checkout, parked carts, payments to confirm, refunds, the sales history."""
