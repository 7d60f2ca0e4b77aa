"""Unlocking, first-run setup, restore and the recovery key."""
