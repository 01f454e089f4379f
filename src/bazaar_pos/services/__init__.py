"""Use cases over the database: what the GUI and the CLI ask the shop to do."""
