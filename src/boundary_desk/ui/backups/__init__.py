"""The Backups page and the automatic daily backup."""
