"""Sales history: find a sale, view it, reprint, refund or void it."""
