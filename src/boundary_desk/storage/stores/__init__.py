"""The data stores: one per kind of record the vault holds."""
