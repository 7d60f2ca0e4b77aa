"""Walk a large JSON file one value at a time, with the standard library's decoder.

Only the containers the caller steps into (objects, arrays) are walked; every other
value is decoded whole with `json.JSONDecoder.raw_decode`, from a buffer that holds
little more than that value. A Telegram export's millions of messages are thus read
one message at a time, in bounded memory, without a third-party parser.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

_CHUNK = 1 << 20
_SPACE = " \t\r\n"


class Damaged(Exception):
    """The JSON stops being readable at `offset` (a character count from the start)."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"damaged JSON at character {offset:,}")
        self.offset = offset


class JsonWalker:
    """A cursor over one JSON document, read from a binary stream as it goes."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._json = json.JSONDecoder()
        self._buffer = ""
        self._at = 0
        self._dropped = 0  # characters before the buffer, for positions
        self._ended = False
        self.replaced_bytes = 0
        self.bytes_read = 0

    @property
    def offset(self) -> int:
        return self._dropped + self._at

    def _fill(self, at_least: int = _CHUNK) -> bool:
        if self._ended:
            return False
        chunk = self._raw.read(max(_CHUNK, at_least))
        self.bytes_read += len(chunk)
        text = self._decoder.decode(chunk, final=not chunk)
        self.replaced_bytes += max(0, text.count("\ufffd") - chunk.count(b"\xef\xbf\xbd"))
        self._dropped += self._at
        self._buffer = self._buffer[self._at :] + text
        self._at = 0
        self._ended = not chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space; "" at the end of the file."""
        while True:
            buffer, at = self._buffer, self._at
            while at < len(buffer) and buffer[at] in _SPACE:
                at += 1
            self._at = at
            if at < len(buffer):
                return buffer[at]
            if not self._fill():
                return ""

    def _expect(self, char: str) -> None:
        if self.peek() != char:
            raise Damaged(self.offset)
        self._at += 1

    def value(self) -> object:
        """The next value, decoded whole."""
        if self.peek() == "":
            raise Damaged(self.offset)
        while True:
            try:
                found, end = self._json.raw_decode(self._buffer, self._at)
            except json.JSONDecodeError:
                if self._fill(len(self._buffer)):
                    continue
                raise Damaged(self.offset) from None
            except RecursionError:
                raise Damaged(self.offset) from None
            # A number at the buffer's end may go on in the next chunk.
            if end == len(self._buffer) and not self._ended and self._fill(len(self._buffer)):
                continue
            self._at = end
            return found

    def members(self) -> Iterator[str]:
        """Step into an object: each key in turn; the caller reads or skips its value."""
        self._expect("{")
        if self.peek() == "}":
            self._at += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise Damaged(self.offset)
            self._expect(":")
            yield key
            following = self.peek()
            self._at += 1
            if following == "}":
                return
            if following != ",":
                raise Damaged(self.offset - 1)

    def elements(self) -> Iterator[None]:
        """Step into an array: once for each element; the caller reads or skips it."""
        self._expect("[")
        if self.peek() == "]":
            self._at += 1
            return
        while True:
            yield None
            following = self.peek()
            self._at += 1
            if following == "]":
                return
            if following != ",":
                raise Damaged(self.offset - 1)

    def ended(self) -> bool:
        """Whether nothing but white space is left."""
        return self.peek() == ""
