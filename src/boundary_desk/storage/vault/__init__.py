"""The vault file and its lifecycle: open, lock, damage checks, backups and copies."""
