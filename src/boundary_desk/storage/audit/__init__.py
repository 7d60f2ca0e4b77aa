"""The audit trail: its rows, its hash chain, the anchor in the key file and checks."""
