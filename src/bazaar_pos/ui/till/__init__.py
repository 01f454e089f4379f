"""The Till: ringing up sales with the scanner and keyboard first."""
