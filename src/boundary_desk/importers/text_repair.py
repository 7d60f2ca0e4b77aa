"""A byte stream made readable by a strict XML parser, without loading the file.

Two kinds of damage are common in real phone backups and are repaired on the way:
- bytes that are not UTF-8 become U+FFFD (and are counted, so the preview can say so);
- emoji written by old Android serialisers as two numeric references to UTF-16
  surrogate halves (`&#55357;&#56832;`), which strict parsers reject, become one
  reference to the real character; a lone half becomes U+FFFD.
The XML declaration is made to say UTF-8, which is what the stream now is.
Line breaks are never touched, so a parser's line numbers still point into the file.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

_CHUNK = 1 << 16
# A reference in the surrogate range, decimal 55296-57343 or hex D800-DFFF.
_SURROGATE_REF = r"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*5[5-7][0-9]{3});"
_SURROGATES = re.compile(f"({_SURROGATE_REF})({_SURROGATE_REF})?")
_HELD_BACK = 12  # longer than one reference, so none is split between chunks
_REF_AT_END = re.compile(_SURROGATE_REF + r"\Z")
_DECLARED_ENCODING = re.compile(r"""\A(\ufeff?<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"'>]*\2""")


def _code_point(reference: str) -> int:
    digits = reference[2:-1]
    return int(digits[1:], 16) if digits[:1] in "xX" else int(digits)


def _mend(match: re.Match[str]) -> str:
    first = _code_point(match.group(1))
    second = _code_point(match.group(2)) if match.group(2) else None
    if not 0xD800 <= first <= 0xDFFF:  # a real character that only looked close
        rest = match.group(2) or ""
        return match.group(1) + _SURROGATES.sub(_mend, rest)
    if 0xD800 <= first <= 0xDBFF and second is not None and 0xDC00 <= second <= 0xDFFF:
        return f"&#x{0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00):X};"
    tail = _SURROGATES.sub(_mend, match.group(2)) if match.group(2) else ""
    return "&#xFFFD;" + tail


class RepairedXmlStream:
    """A read-only binary stream of valid UTF-8 over a possibly damaged one."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        # Strict first: a chunk of whole UTF-8 (nearly all of them) needs no counting of
        # replacements; only one that fails is decoded again with replacements.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
        self._held = ""
        self._out = b""
        self._ended = False
        self._started = False
        self.replaced_bytes = 0

    @property
    def position(self) -> int:
        """How many bytes of the underlying file have been read so far."""
        return self._raw.tell()

    def read(self, size: int = -1) -> bytes:
        while not self._ended and (size < 0 or len(self._out) < size):
            self._fill()
        if size < 0:
            size = len(self._out)
        taken, self._out = self._out[:size], self._out[size:]
        return taken

    def _fill(self) -> None:
        chunk = self._raw.read(_CHUNK)
        final = not chunk
        try:
            decoded = self._decoder.decode(chunk, final=final)
        except UnicodeDecodeError:  # the decoder keeps its state: decode it again, mended
            self._decoder.errors = "replace"
            try:
                decoded = self._decoder.decode(chunk, final=final)
            finally:
                self._decoder.errors = "strict"
            self.replaced_bytes += max(0, decoded.count("\ufffd") - chunk.count(b"\xef\xbf\xbd"))
        text = self._held + decoded
        self._held = ""
        if not final:
            cut = text.find("&", max(0, len(text) - _HELD_BACK))
            if cut >= 0:
                # A high half just before the held-back reference goes with it, as a pair.
                before = _REF_AT_END.search(text, max(0, cut - _HELD_BACK), cut)
                cut = before.start() if before else cut
                text, self._held = text[:cut], text[cut:]
        if not self._started and text:
            text = _DECLARED_ENCODING.sub(r"\1\2UTF-8\2", text, count=1)
            self._started = True
        if "&#" in text:
            text = _SURROGATES.sub(_mend, text)
        self._out += text.encode("utf-8")
        self._ended = final
