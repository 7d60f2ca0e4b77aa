"""SMS and MMS records of an SMS Backup & Restore file, as imported messages."""

from __future__ import annotations

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers import sbr_fields as fields
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr_fields import Skipped
from boundary_desk.importers.sbr_stream import RawRecord

# sms `type` and mms `msg_box`: 1 received, 2 sent; the rest never reached anyone.
_DIRECTIONS = {"1": Direction.IN, "2": Direction.OUT}
_NOT_SENT = {"3": "draft", "4": "not sent", "5": "not sent", "6": "not sent"}
_FROM, _TO = "137", "151"
_NO_ADDRESS = {"", "insert-address-token", "null"}


def read_sms(element: RawRecord, record: int) -> ImportedMessage:
    direction, found = _direction(element.get("type")), fields.moment(element.get("date"))
    if found is None:
        raise Skipped("unreadable date")
    when, ms = found
    address = fields.text(element.get("address")).strip()
    body = fields.text(element.get("body"))
    name = fields.name(element.get("contact_name"))
    return ImportedMessage(
        source_key=fields.source_key("sms", address, ms, direction.value, body),
        instant=when,
        direction=direction,
        channel=ContactChannel.TEXT,
        handles=(address,) if address else (),
        sender=address if direction is Direction.IN else "",
        names=(name,) if name else (),
        body=body,
        record=record,
    )


def read_mms(element: RawRecord, record: int) -> ImportedMessage:
    direction, when = _direction(element.get("msg_box")), fields.instant(element.get("date"))
    if when is None:
        raise Skipped("unreadable date")
    handles, sender = _addresses(element, direction)
    texts, attachments = _parts(element)
    body = "\n".join(texts)
    name = fields.name(element.get("contact_name"))
    names = tuple(n for n in name.split(", ") if n) if len(handles) > 1 else (name,)
    return ImportedMessage(
        source_key=fields.source_key(
            "mms",
            fields.text(element.get("address")),
            fields.millis(when),
            direction.value,
            body,
        ),
        instant=when,
        direction=direction,
        channel=ContactChannel.TEXT,
        handles=handles,
        sender=sender,
        names=tuple(n for n in names if n),
        body=body,
        attachments=tuple(attachments),
        record=record,
    )


def _direction(code: str | None) -> Direction:
    found = (code or "").strip()
    if found in _DIRECTIONS:
        return _DIRECTIONS[found]
    raise Skipped(_NOT_SENT.get(found, "unknown type"))


def _addresses(element: RawRecord, direction: Direction) -> tuple[tuple[str, ...], str]:
    """Every handle in the conversation, and who sent it when it came in."""
    handles: list[str] = []
    sender = ""
    for addr in element.addrs:
        value = fields.text(addr.get("address")).strip()
        if value in _NO_ADDRESS:
            continue
        if value not in handles:
            handles.append(value)
        if addr.get("type") == _FROM and not sender:
            sender = value
    # Without <addrs>, the `address` attribute lists the others, joined by "~".
    for value in fields.text(element.get("address")).split("~"):
        if value.strip() not in _NO_ADDRESS and value.strip() not in handles:
            handles.append(value.strip())
    if direction is Direction.OUT:
        return tuple(handles), ""
    if not sender and len(handles) == 1:
        sender = handles[0]
    return tuple(handles), sender


def _parts(element: RawRecord) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    kinds: list[str] = []
    for part in element.parts:
        content_type = fields.text(part.get("ct")).strip().lower()
        if content_type == "application/smil":
            continue
        if content_type.startswith("text/plain"):
            found = fields.text(part.get("text"))
            if found:
                texts.append(found)
            continue
        kinds.append(attachment_kind(content_type))
    return texts, kinds


def attachment_kind(content_type: str) -> str:
    """What an attachment is, in the clinician's words, from its declared content type."""
    family = content_type.split("/", 1)[0]
    if family == "image":
        return "photo"
    if family in {"video", "audio"}:
        return family
    if content_type in {"text/x-vcard", "text/vcard", "text/directory"}:
        return "contact card"
    if content_type in {"text/x-vcalendar", "text/calendar"}:
        return "calendar entry"
    if content_type == "application/pdf" or content_type.startswith(
        ("application/msword", "application/vnd.openxmlformats", "application/vnd.ms-")
    ):
        return "document"
    return "file"
