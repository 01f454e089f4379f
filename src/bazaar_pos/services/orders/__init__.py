"""Pre-orders (pesanan): lines kept or made for a customer, a down payment, and the pickup."""
