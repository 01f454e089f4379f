"""Taking payment at the till: the payment dialog, the QRIS window, payments to confirm."""
