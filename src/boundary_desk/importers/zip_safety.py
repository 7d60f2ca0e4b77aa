"""Reading members of an export's ZIP archive without trusting what it claims.

Shared by the readers of archives (a WhatsApp .zip, a Facebook or Instagram download):
what zipfile and zlib raise on a damaged or unusual archive, and the rule that refuses a
member built to unpack into far more than it holds (a zip bomb) before a byte of it is
unpacked.
"""

from __future__ import annotations

import zipfile
import zlib

# What zipfile and zlib raise on a damaged or unusual archive.
ZIP_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError)
# Text and JSON deflate about tenfold; a hundred times over 16 MB is built, not exported.
_MOST_SQUEEZED = 100
_SQUEEZE_FROM = 16 << 20


def too_large(member: zipfile.ZipInfo, largest: int) -> bool:
    """Whether `member` claims more than `largest` bytes unpacked, or is squeezed far
    tighter than any export's text is."""
    squeezed = member.file_size > _SQUEEZE_FROM and member.file_size > _MOST_SQUEEZED * max(
        member.compress_size, 1
    )
    return member.file_size > largest or squeezed
