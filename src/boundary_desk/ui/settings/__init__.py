"""The practice settings page."""
