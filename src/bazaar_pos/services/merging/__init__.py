"""Merging: sales made elsewhere imported from files, and tills merged through bundles."""
