"""One e-mail's bytes (an .eml file, or one message of an mbox) as an imported message."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesParser

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers import email_fields as fields
from boundary_desk.importers.email_body import body_and_attachments
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr_fields import Skipped

# Everyone the message was between. Reply-To is the sender's other address, and Bcc is
# only ever in the sender's own copy: both name people in the conversation.
_PEOPLE = ("from", "to", "cc", "bcc", "reply-to")
_WANTED = {*_PEOPLE, "sender", "subject", "date", "message-id", "references", "in-reply-to"}
# The classic policy: the modern one re-parses a part's Content-Type with its full
# grammar each time the parser looks at it, which made reading a mailbox 22 times
# slower than a bare parse (benchmarks/bench_import.py). Headers are read by
# `email_fields`, which falls back to the modern parser where the classic one fails.
_PARSER = BytesParser(policy=policy.compat32)


def read_message(data: bytes, record: int, delivered: datetime | None = None) -> ImportedMessage:
    """The message `data` holds; `Skipped` when it can't be placed in time. `delivered`
    (an mbox's envelope date) places a message that has no Date header."""
    try:
        message = _PARSER.parsebytes(data)
        return _read(message, record, delivered)
    except RecursionError:  # parts nested thousands deep: no mail program writes that
        raise Skipped("unreadable message") from None


def _read(message: Message, record: int, delivered: datetime | None) -> ImportedMessage:
    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        key = name.lower()
        if key in _WANTED:
            headers.setdefault(key, []).append(value)
    dated = _first(headers, "date")
    when = fields.instant(dated)
    if when is None and dated is None:
        when = delivered  # no Date at all: when the mailbox says it was delivered
    if when is None:
        raise Skipped("unreadable date")
    people = {key: _everyone(key, headers.get(key, [])) for key in (*_PEOPLE, "sender")}
    author = people["from"] or people["sender"]
    handles: list[str] = []
    names: list[str] = []
    for key in _PEOPLE:
        for mailbox in people[key]:
            if mailbox.address not in handles:
                handles.append(mailbox.address)
            if mailbox.name and mailbox.name not in names:
                names.append(mailbox.name)
    subject = fields.unstructured(_first(headers, "subject") or "")
    body, attachments = body_and_attachments(message)
    own_ids = fields.message_ids(_first(headers, "message-id"))
    own_id = own_ids[0] if own_ids else ""
    sender = author[0].address if author else ""
    return ImportedMessage(
        source_key=fields.source_key(own_id, when, sender, subject, body),
        instant=when,
        direction=None,
        channel=ContactChannel.EMAIL,
        handles=tuple(handles),
        sender=sender,
        names=tuple(names),
        conversation=fields.thread_root(
            _first(headers, "references"), _first(headers, "in-reply-to"), own_id
        ),
        subject=subject,
        body=body,
        attachments=attachments,
        record=record,
    )


def _first(headers: dict[str, list[str]], key: str) -> str | None:
    found = headers.get(key)
    return found[0] if found else None


def _everyone(key: str, values: list[str]) -> list[fields.Mailbox]:
    return [mailbox for value in values for mailbox in fields.mailboxes(key, value)]
