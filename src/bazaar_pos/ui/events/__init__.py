"""Bazaar events on screen: the list, the form, and the report of how an event went."""
