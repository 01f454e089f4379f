"""Shifts and events: cash shifts with their counts and Z reports, and the bazaar events sold at."""
