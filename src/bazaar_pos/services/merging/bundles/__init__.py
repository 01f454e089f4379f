"""Till bundles: this till's records exported, other tills' verified and merged."""
