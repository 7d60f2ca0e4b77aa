"""Help: the offline user guide."""
