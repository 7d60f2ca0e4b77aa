"""The end-of-week self-review."""
