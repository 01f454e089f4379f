"""The Products screen."""
