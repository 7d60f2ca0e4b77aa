"""Importing exports from the phone and the mailbox: choose a file, answer, preview, import."""
