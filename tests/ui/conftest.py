"""Fixtures every UI test may ask for by name."""

from tests.ui.language_support import app_look, english_after

__all__ = ["app_look", "english_after"]
