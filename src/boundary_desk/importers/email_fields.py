"""Header values of an e-mail, read the way mail programs write them.

Raw 8-bit header bytes are read as UTF-8 (RFC 6532) and, failing that, as Windows-1252;
encoded words (RFC 2047) are decoded; dates follow RFC 5322 with its obsolete zones.
The standard library's classic helpers (`email.utils`, `email.header`) read each header,
and its modern header parser (`email.policy.default`) where they fail: the modern one
alone is an order of magnitude slower, and one malformed header never costs the whole
message either way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy, utils
from email.errors import MessageError
from email.header import decode_header, make_header

_FACTORY = policy.default.header_factory
_ANGLED = re.compile(r"<([^<>]*)>")
# The header parser is large and has crashed on malformed input before; any of these
# means "this header can't be read", never "this file can't be read".
_PARSER_FAILURES = (
    MessageError,  # CharsetError, HeaderParseError, ...
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    AttributeError,
    LookupError,
    RecursionError,
)


@dataclass(frozen=True, slots=True)
class Mailbox:
    address: str  # lower case, as written otherwise
    name: str  # the display name, "" when there is none


def header_text(raw: str) -> str:
    """A raw header value as text: 8-bit bytes read as UTF-8, else as Windows-1252."""
    if raw.isascii():
        return raw
    data = raw.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def unstructured(raw: str) -> str:
    """A subject-like header as one line of text, its encoded words decoded."""
    text = _unfolded(raw)
    if "=?" in text:
        text = _decoded_words(text)
    return " ".join(text.split())


def mailboxes(name: str, raw: str) -> list[Mailbox]:
    """The addresses an address header (From, To, Cc, ...) names, in order."""
    text = _unfolded(raw)
    try:
        found = [(_decoded_words(n), a) for n, a in utils.getaddresses([text]) if a]
    except _PARSER_FAILURES:
        found = []
    if not found and "@" in text:
        try:
            header = _FACTORY(name, text)
            found = [(a.display_name, a.addr_spec) for a in header.addresses]
        except _PARSER_FAILURES:
            found = []
    kept = []
    for display, address in found:
        address = "".join(address.split()).strip("<>").lower()
        if address and address != "<>":
            kept.append(Mailbox(address, " ".join(display.split())))
    return kept


def instant(raw: str | None) -> datetime | None:
    """The moment a Date header names, in UTC; None when it names none."""
    if raw is None:
        return None
    try:
        when = utils.parsedate_to_datetime(header_text(raw).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000" or a zone nobody agrees on: RFC 5322 reads it as UTC
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def message_ids(raw: str | None) -> list[str]:
    """The Message-IDs a header names (References lists several), without brackets."""
    if raw is None:
        return []
    text = header_text(raw)
    found = _ANGLED.findall(text) or text.split()
    return [normal for value in found if (normal := "".join(value.split()))]


def thread_root(references: str | None, in_reply_to: str | None, own_id: str) -> str:
    """The conversation a message belongs to: the first message of its thread."""
    for raw in (references, in_reply_to):
        ids = message_ids(raw)
        if ids:
            return ids[0]
    return own_id


def source_key(own_id: str, when: datetime, sender: str, subject: str, body: str) -> str:
    """A stable key: the Message-ID's hash or, without one, a hash of what it says."""
    if own_id:
        return _hashed("id", own_id)
    body_hash = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    millis = str(int(when.timestamp() * 1000))
    return _hashed("content", millis, sender, subject, body_hash)


def _hashed(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass"))
    return f"email-{kind}:{digest.hexdigest()}"


def _unfolded(raw: str) -> str:
    """One line, as the header parser expects: folding keeps its one space."""
    return "".join(header_text(raw).splitlines())


def _decoded_words(text: str) -> str:
    """Encoded words decoded; the modern parser tried when the classic one refuses them."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except _PARSER_FAILURES:
        pass
    try:
        return str(_FACTORY("subject", text))
    except _PARSER_FAILURES:
        return text
