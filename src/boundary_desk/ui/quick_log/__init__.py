"""The quick log: logging a contact in a few keystrokes."""
