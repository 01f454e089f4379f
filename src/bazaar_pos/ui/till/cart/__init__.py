"""The till's cart: its table model and view, the totals panel, and editing its lines."""
