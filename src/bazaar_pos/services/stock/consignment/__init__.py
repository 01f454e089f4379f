"""Consignment ("titip jual"): other makers' goods, their settlements and the slip."""
