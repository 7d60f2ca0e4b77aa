"""Database plumbing: the SQLCipher connection and the schema migrations."""
