"""The customer's own screen: the cart, the total, the change and the QRIS, full screen."""
