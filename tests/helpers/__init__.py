"""Fixtures and builders shared by the tests."""
