"""Signing in, locking, and asking an owner's approval on the spot."""
