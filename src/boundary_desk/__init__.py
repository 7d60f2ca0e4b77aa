"""Boundary Desk: professional boundaries for between-session contact."""

__version__ = "0.1.0"
