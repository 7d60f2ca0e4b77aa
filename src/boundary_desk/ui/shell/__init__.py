"""The main window, its pages and what runs while the vault is open."""
