"""The timeline of logged contacts, their details and edits."""
