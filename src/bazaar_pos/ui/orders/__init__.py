"""The Orders window: pre-orders (pesanan) with a down payment, from ordering to pickup."""
