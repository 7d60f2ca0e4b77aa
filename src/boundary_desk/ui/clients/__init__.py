"""The clients view, the client editor, a client's audit trail and purging."""
