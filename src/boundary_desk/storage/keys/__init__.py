"""Key material: the key file, wraps, the keychain, the recovery key and re-keying."""
