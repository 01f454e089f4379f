"""Stock: the ledger of movements, receiving, adjusting and counting, and consigned goods."""
