"""The lines of a chat export, decoded as they stream in, whatever their line endings.

WhatsApp writes UTF-8, but files pass through mail clients and editors on the way to
the clinician: a BOM, CRLF on some lines and LF on others (the iOS export mixes them),
a lone CR, or bytes that are not UTF-8. Each of those is read the same way, and bytes
that are not UTF-8 become U+FFFD and are counted. Memory stays near one chunk.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO

_CHUNK = 1 << 16
# A physical line longer than this is handed on in pieces, so a file with no line
# breaks at all can't grow memory without bound.
_LONGEST_LINE = 1 << 20
_BREAK = re.compile(r"\r\n|\r|\n")
# What `surrogateescape` turns each byte that is not UTF-8 into.
_ESCAPED = re.compile("[\udc80-\udcff]")


class ChatText:
    """Iterate once over the decoded lines of `raw`; `replaced_bytes` is final afterwards."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.replaced_bytes = 0

    def __iter__(self) -> Iterator[str]:
        first = self._raw.read(_CHUNK)
        decoder = _decoder_for(first)
        held, chunk, started = "", first, False
        while True:
            final = not chunk
            text = held + self._repaired(decoder.decode(chunk, final=final))
            if not started and text:
                text, started = text.removeprefix("\ufeff"), True
            # A CR at the end of a chunk may be the first half of a CRLF: hold it back.
            half_break = not final and text.endswith("\r")
            lines = _BREAK.split(text[:-1] if half_break else text)
            held = lines.pop() + ("\r" if half_break else "")
            yield from lines
            while len(held) > _LONGEST_LINE:
                yield held[:_LONGEST_LINE]
                held = held[_LONGEST_LINE:]
            if final:
                break
            chunk = self._raw.read(_CHUNK)
        if held:
            yield held

    def _repaired(self, text: str) -> str:
        found = len(_ESCAPED.findall(text))
        if not found:
            return text
        self.replaced_bytes += found
        return _ESCAPED.sub("\ufffd", text)


def _decoder_for(head: bytes) -> codecs.IncrementalDecoder:
    # Windows tools sometimes save a chat again as UTF-16, with its BOM.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return codecs.getincrementaldecoder("utf-16")(errors="replace")
    return codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
