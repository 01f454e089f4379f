"""Cash shifts on screen: open with a float, pay in and out, count and close, Z reports."""
