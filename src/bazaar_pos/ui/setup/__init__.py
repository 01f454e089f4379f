"""First-run setup: a short wizard that asks what a new shop needs before its first sale."""
