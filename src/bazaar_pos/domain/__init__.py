"""Pure selling rules: money, pricing and the cart, free of Qt and the database."""
