"""The text of a Messages `attributedBody`: an NSAttributedString archived as a typedstream.

Since macOS 13 `message.text` is often empty and the words live only here. Only the
string is read, not its attributes (links, mentions, attachment places): the archive
starts with the attributed string's class chain, then its NSString, whose one value
is a length and the UTF-8 bytes. Everything after that is left unread.

    attributed_text(blob) -> "Running late, sorry"

Anything that is not such an archive raises `NotAttributedText`, whose message names
no byte of the blob.
"""

from __future__ import annotations

_SIGNATURE = b"streamtyped"
_INT16 = 0x81
_INT32 = 0x82
_NEW = 0x84
_NIL = 0x85
_FIRST_REFERENCE = 0x92  # a byte from here on names an earlier string or class
_MAX_CLASSES = 32


class NotAttributedText(ValueError):
    """The blob is not an archived attributed string, or stops before its text."""

    def __init__(self) -> None:
        super().__init__("The message's archived text could not be read.")


class _Stream:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.strings: list[bytes] = []
        self.classes: list[bytes] = []

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise NotAttributedText()
        value = self.data[self.at]
        self.at += 1
        return value

    def take(self, count: int) -> bytes:
        if count < 0 or self.at + count > len(self.data):
            raise NotAttributedText()
        found = self.data[self.at : self.at + count]
        self.at += count
        return found

    def integer(self, first: int | None = None) -> int:
        head = self.byte() if first is None else first
        if head == _INT16:
            return int.from_bytes(self.take(2), "little", signed=True)
        if head == _INT32:
            return int.from_bytes(self.take(4), "little", signed=True)
        if 0x80 <= head < _FIRST_REFERENCE:
            raise NotAttributedText()  # another tag where a number belongs
        return head - 256 if head >= 0x80 else head

    def shared_string(self) -> bytes:
        head = self.byte()
        if head == _NEW:
            found = self.take(self.integer())
            self.strings.append(found)
            return found
        return _lookup(self.strings, head)

    def class_chain(self) -> list[bytes]:
        """An object's class and its superclasses, most derived first."""
        chain: list[bytes] = []
        while len(chain) < _MAX_CLASSES:
            head = self.byte()
            if head == _NIL:
                return chain
            if head != _NEW:
                # An earlier class: its own superclasses were listed then.
                return [*chain, _lookup(self.classes, head)]
            name = self.shared_string()
            self.integer()  # the class's version
            self.classes.append(name)
            chain.append(name)
        raise NotAttributedText()

    def new_object(self) -> list[bytes]:
        if self.byte() != _NEW:
            raise NotAttributedText()
        self.classes.append(b"")  # the object takes a place in the same table
        return self.class_chain()


def _lookup(table: list[bytes], head: int) -> bytes:
    index = head - _FIRST_REFERENCE
    if not 0 <= index < len(table):
        raise NotAttributedText()
    return table[index]


def attributed_text(blob: bytes) -> str:
    """The string of an archived NSAttributedString, with bytes not UTF-8 shown as U+FFFD."""
    stream = _Stream(bytes(blob))
    if stream.integer() != 4 or stream.take(stream.integer()) != _SIGNATURE:
        raise NotAttributedText()
    stream.integer()  # the writing system's version, 1000 on every Mac and iPhone
    if stream.shared_string() != b"@":
        raise NotAttributedText()
    if not any(name.endswith(b"AttributedString") for name in stream.new_object()):
        raise NotAttributedText()
    if stream.shared_string() != b"@":
        raise NotAttributedText()
    if not any(name.endswith(b"String") for name in stream.new_object()):
        raise NotAttributedText()
    if stream.shared_string() != b"+":
        raise NotAttributedText()
    return stream.take(stream.integer()).decode("utf-8", errors="replace")
