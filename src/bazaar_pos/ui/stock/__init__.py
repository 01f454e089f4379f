"""The Stock screen: receiving, adjusting, counting, low stock, value and consignment."""
