"""The content lines of a vCard file, unfolded and split, read as bytes.

Lines stay bytes until a property's own CHARSET is known, because vCard 2.1 exports
(Android, Outlook) write each value in the charset its parameters name, often inside
QUOTED-PRINTABLE with `=` soft line breaks that the next line continues.
"""

from __future__ import annotations

import quopri
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ContentLine:
    name: str  # upper case, without any "item1." group
    params: dict[str, tuple[str, ...]]  # upper-case keys; a bare 2.1 type goes under TYPE
    raw_value: bytes
    line: int  # where it starts in the file, from 1

    def value(self) -> str:
        """The value decoded from its transfer encoding and charset."""
        data = quopri.decodestring(self.raw_value) if self.is_quoted_printable else self.raw_value
        charset = (self.params.get("CHARSET") or ("utf-8",))[0]
        return decode(data, charset)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(t.upper() for t in self.params.get("TYPE", ()))

    @property
    def is_quoted_printable(self) -> bool:
        encodings = {e.upper() for e in self.params.get("ENCODING", ())}
        return "QUOTED-PRINTABLE" in encodings or "QUOTED-PRINTABLE" in self.types


def decode(data: bytes, charset: str) -> str:
    """Text in the named charset; UTF-8 then Windows-1252 when that charset fails."""
    for name in (charset, "utf-8"):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("cp1252", errors="replace")


def content_lines(physical: Iterable[bytes]) -> Iterator[ContentLine]:
    """Logical lines from physical ones: folds joined, QP soft breaks followed."""
    pending: bytes | None = None
    start = 0
    for number, raw in enumerate(physical, start=1):
        line = raw.rstrip(b"\r\n")
        if pending is not None and line[:1] in (b" ", b"\t"):
            pending += line[1:]  # a folded line continues the one before
            continue
        if pending is not None and _soft_break(pending):
            pending = pending[:-1] + line  # QP "=" at the end: the value goes on
            continue
        if pending is not None:
            parsed = _split(pending, start)
            if parsed is not None:
                yield parsed
        pending, start = (line, number) if line.strip() else (None, number)
    if pending is not None:
        parsed = _split(pending, start)
        if parsed is not None:
            yield parsed


def _soft_break(line: bytes) -> bool:
    if not line.endswith(b"="):
        return False
    head = line.split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


def _split(line: bytes, number: int) -> ContentLine | None:
    """NAME;PARAMS:VALUE, with colons and semicolons inside quoted parameters kept."""
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # :
            head, value = line[:index], line[index + 1 :]
            break
    else:
        return None  # not a content line; vCard readers skip such lines
    fields = _params(head.decode("ascii", errors="replace"))
    name = fields[0].rsplit(".", 1)[-1].strip().upper()
    if not name:
        return None
    params: dict[str, list[str]] = {}
    for field in fields[1:]:
        key, sep, values = field.partition("=")
        if not sep:  # vCard 2.1: "TEL;CELL;PREF" types stand alone
            key, values = "TYPE", key
        for one in values.split(","):
            params.setdefault(key.strip().upper(), []).append(one.strip().strip('"'))
    return ContentLine(name, {k: tuple(v) for k, v in params.items()}, value, number)


def _params(head: str) -> list[str]:
    fields, current, quoted = [], "", False
    for char in head:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            fields.append(current)
            current = ""
        else:
            current += char
    fields.append(current)
    return fields


def unescape(value: str) -> str:
    """A 3.0/4.0 text value with its backslash escapes read (`\\n`, `\\,`, `\\;`)."""
    out, chars = [], iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append("\n" if following in "nN" and following else following)
    return "".join(out)


def split_components(value: str) -> list[str]:
    """Structured value parts (N: family;given;...) split on unescaped semicolons."""
    parts, current, escaped = [], "", False
    for char in value:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current + ("\\" if escaped else ""))
    return [unescape(part) for part in parts]
