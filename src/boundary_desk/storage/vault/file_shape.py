"""Cheap checks that a file can be a vault's database, made before SQLite may call it new.

SQLite takes an empty or very short file for a new, empty database, which the next
step would migrate into an empty vault. A SQLCipher file has no plaintext header to
look for, but it is always whole pages: at least one, and a multiple of the page size.
After keying, a real vault also holds its schema (user_version 1 or more, and the
tables of the first step), so a keyed but empty database is damage too.
"""

from __future__ import annotations

import stat
from pathlib import Path

from boundary_desk.domain.words import counted
from boundary_desk.storage.errors import VaultDamaged

DEFAULT_PAGE_SIZE = 4096  # SQLCipher 4's cipher_page_size; open_database asks the codec
FIRST_TABLES = frozenset({"settings", "clients"})  # made by migration step 1
PLAINTEXT_HEADER = b"SQLite format 3\0"


def shape_problem(path: Path, page_size: int = DEFAULT_PAGE_SIZE) -> str | None:
    """Why `path` can't be an encrypted vault database ("is empty (0 bytes)"), or None."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            return "is not a regular file"  # a named pipe would block the read below forever
        size = found.st_size
        with path.open("rb") as handle:
            first_page = handle.read(page_size)
    except OSError as exc:
        return f"can't be read ({exc.strerror})"
    if size == 0:
        return "is empty (0 bytes)"
    if size < page_size or size % page_size:
        return f"is cut short ({counted(size, 'byte', 'bytes')}, not whole pages)"
    if first_page.startswith(PLAINTEXT_HEADER):
        return "is not encrypted"
    if not first_page.strip(b"\0"):
        return "has a blank first page"
    return None


def require_whole_pages(path: Path, page_size: int) -> None:
    """VaultDamaged, in one sentence, unless `path` has the shape of a vault database."""
    problem = shape_problem(path, page_size)
    if problem is not None:
        raise VaultDamaged(
            f"The vault file {path.name} is damaged: it {problem}; it has not been changed, "
            "so restore it from a backup."
        )


def require_schema(version: int, tables: set[str], path: Path) -> None:
    """VaultDamaged unless a keyed database holds a vault's schema (never migrate it then)."""
    if version < 1 or not tables >= FIRST_TABLES:
        raise VaultDamaged(
            f"The vault file {path.name} is damaged: it opens but holds no vault tables; it "
            "has not been changed, so restore it from a backup."
        )
