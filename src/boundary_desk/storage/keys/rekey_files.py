"""The files a re-key leaves beside the vault until it finishes, and whether any is there.

Kept apart from `rekey` so that every open can look for them cheaply: the usual answer
is "none", and then nothing of the re-key (nor the database code it uses) is loaded.
"""

from __future__ import annotations

from pathlib import Path

from boundary_desk.system.paths import AppPaths

NEXT_KEY_FILE = "vault.key.next"
STAGING = ".vault.db.rekeying"


def part_of(staging: Path) -> Path:
    return staging.with_name(staging.name + ".part")  # export_encrypted_copy's temp name


def rekey_left_files(paths: AppPaths) -> bool:
    """Whether a re-key's files are beside the vault (a crash cut one short, or one runs)."""
    staging = paths.data_dir / STAGING
    return (
        paths.key_file.with_name(NEXT_KEY_FILE).exists()
        or staging.exists()
        or part_of(staging).exists()
    )
