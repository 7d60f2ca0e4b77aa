"""An Outlook .msg file (an item dragged out of Outlook) as an imported message.

Only mail items are e-mails: a contact card, a note or an appointment saved the same
way is refused with a sentence naming what it is. An item never sent (a draft) is
counted, not kept.
"""

from __future__ import annotations

import struct
from email.parser import HeaderParser
from pathlib import Path

import olefile

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers import email_fields as fields
from boundary_desk.importers.email_body import html_to_text, kind_of_file, tidy
from boundary_desk.importers.email_outlook_props import CHILD_HEADER, TOP_LEVEL_HEADER, Properties
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr_fields import Skipped
from boundary_desk.importers.sbr_messages import attachment_kind
from boundary_desk.system.i18n import N_, _

# PidTag... property ids (MS-OXPROPS).
_CLASS, _SUBJECT, _SUBMITTED, _DELIVERED, _FLAGS = 0x001A, 0x0037, 0x0039, 0x0E06, 0x0E07
_SENDER_SMTP, _SENDER_ADDRESS, _SENDER_NAME = 0x5D01, 0x0C1F, 0x0C1A
_REPRESENTING_ADDRESS, _REPRESENTING_SMTP, _REPRESENTING_NAME = 0x0065, 0x5D02, 0x0042
_DISPLAY_TO, _DISPLAY_CC, _DISPLAY_BCC = 0x0E04, 0x0E03, 0x0E02
_BODY, _HTML, _MESSAGE_ID, _REFERENCES, _IN_REPLY_TO = 0x1000, 0x1013, 0x1035, 0x1039, 0x1042
_TRANSPORT_HEADERS = 0x007D
_RECIPIENT_SMTP, _RECIPIENT_ADDRESS, _RECIPIENT_NAME, _RECIPIENT_SHOWN = (
    0x39FE,
    0x3003,
    0x3001,
    0x5FF6,
)
_ATTACH_METHOD, _ATTACH_MIME, _ATTACH_EXTENSION, _ATTACH_LONG_NAME, _ATTACH_NAME = (
    0x3705,
    0x370E,
    0x3703,
    0x3707,
    0x3704,
)
_EMBEDDED_MESSAGE = 5
_UNSENT = 0x8  # MSGFLAG_UNSENT
_RECIPIENTS, _ATTACHMENTS = "__recip_version1.0_#", "__attach_version1.0_#"
# What an item that is not mail is, by its message class (longest prefix first).
_NOT_MAIL = {
    "ipm.contact": N_("This Outlook item is a contact card, not an e-mail."),
    "ipm.distlist": N_("This Outlook item is a contact group, not an e-mail."),
    "ipm.stickynote": N_("This Outlook item is a note, not an e-mail."),
    "ipm.appointment": N_("This Outlook item is a calendar appointment, not an e-mail."),
    "ipm.schedule.meeting": N_("This Outlook item is a meeting request, not an e-mail."),
    "ipm.task": N_("This Outlook item is a task, not an e-mail."),
    "ipm.activity": N_("This Outlook item is a journal entry, not an e-mail."),
    "ipm.post": N_("This Outlook item is a post in a shared folder, not an e-mail."),
    "report.": N_("This Outlook item is a delivery report, not an e-mail."),
}
_DAMAGED = N_("This Outlook file is damaged and can't be read.")
# olefile reads sectors by the numbers the file gives, so a damaged file can fail in
# any of these ways; all of them mean the file can't be read.
_OLE_FAILURES = (OSError, struct.error, ValueError, IndexError, KeyError, TypeError, EOFError)


def check_mail_item(path: Path) -> None:
    """Refuses at once an Outlook file that is damaged, or an item that is not an e-mail."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            item = Properties(ole, "", TOP_LEVEL_HEADER).string(_CLASS)
    except _OLE_FAILURES:
        raise UnreadableImport(_(_DAMAGED)) from None
    found = " ".join(item.split()).lower()
    if found == "ipm.note" or found.startswith("ipm.note."):
        return
    for prefix, sentence in _NOT_MAIL.items():
        if found.startswith(prefix):
            raise WrongKind(_(sentence))
    raise WrongKind(_("This Outlook item is not an e-mail."))


def read_outlook(path: Path) -> ImportedMessage:
    """The e-mail the .msg file holds; `Skipped` when it was never sent or has no date."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return _read(Properties(ole, "", TOP_LEVEL_HEADER))
    except _OLE_FAILURES:
        raise UnreadableImport(_(_DAMAGED)) from None


def _read(item: Properties) -> ImportedMessage:
    flags = item.number(_FLAGS) or 0
    sent = item.time(_SUBMITTED)
    headers = _transport_headers(item)
    # Within one Exchange organisation only its own paths may be stored; the Internet
    # headers a received item keeps still name the real addresses.
    delivered_to = {
        k: fields.mailboxes(k, headers[k]) for k in ("from", "to", "cc") if k in headers
    }
    sender = _address(
        item, _SENDER_SMTP, _SENDER_ADDRESS, _REPRESENTING_SMTP, _REPRESENTING_ADDRESS
    ) or next((m.address for m in delivered_to.get("from", [])), "")
    if flags & _UNSENT or (sent is None and not sender):
        raise Skipped("draft")
    when = sent or item.time(_DELIVERED)
    if when is None:
        raise Skipped("unreadable date")
    handles = [sender] if sender else []
    names = [n for n in (item.string(_SENDER_NAME) or item.string(_REPRESENTING_NAME),) if n]
    recipients = item.children(_RECIPIENTS)
    for storage in recipients:
        recipient = Properties(item.ole, storage, CHILD_HEADER, item.encoding)
        address = _address(recipient, _RECIPIENT_SMTP, _RECIPIENT_ADDRESS)
        name = recipient.string(_RECIPIENT_NAME) or recipient.string(_RECIPIENT_SHOWN)
        if address and address not in handles:
            handles.append(address)
        if name and name not in names:
            names.append(name)
    if not recipients:  # only the names Outlook showed on the To and Cc lines
        for prop_id in (_DISPLAY_TO, _DISPLAY_CC, _DISPLAY_BCC):
            names += [n for n in _shown_names(item.string(prop_id)) if n not in names]
    for mailbox in (m for mailboxes in delivered_to.values() for m in mailboxes):
        if mailbox.address not in handles:
            handles.append(mailbox.address)
    own_ids = fields.message_ids(item.string(_MESSAGE_ID) or headers.get("message-id"))
    own_id = own_ids[0] if own_ids else ""
    subject = " ".join(item.string(_SUBJECT).split())
    body = _body(item)
    return ImportedMessage(
        source_key=fields.source_key(own_id, when, sender, subject, body),
        instant=when,
        direction=None,
        channel=ContactChannel.EMAIL,
        handles=tuple(handles),
        sender=sender,
        names=tuple(" ".join(n.split()) for n in names),
        conversation=fields.thread_root(
            item.string(_REFERENCES) or headers.get("references"),
            item.string(_IN_REPLY_TO) or headers.get("in-reply-to"),
            own_id,
        ),
        subject=subject,
        body=body,
        attachments=tuple(_attachments(item)),
        record=1,
    )


def _address(props: Properties, *prop_ids: int) -> str:
    """The first of the properties that holds an Internet address (not an Exchange path)."""
    for prop_id in prop_ids:
        value = "".join(props.string(prop_id).split()).lower()
        if "@" in value:
            return value
    return ""


def _shown_names(line: str) -> list[str]:
    return [" ".join(n.split()) for n in line.split(";") if n.strip()]


def _transport_headers(item: Properties) -> dict[str, str]:
    text = item.string(_TRANSPORT_HEADERS)
    if not text:
        return {}
    parsed = HeaderParser().parsestr(text)
    return {k.lower(): v for k, v in parsed.items() if isinstance(v, str)}


def _body(item: Properties) -> str:
    text = item.string(_BODY)
    if text.strip():
        return tidy(text)
    html = item.string(_HTML)
    if not html:
        data = item.binary(_HTML)
        html = data.decode(item.encoding, "replace") if data else ""
    return html_to_text(html)


def _attachments(item: Properties) -> list[str]:
    kinds = []
    for storage in item.children(_ATTACHMENTS):
        attached = Properties(item.ole, storage, CHILD_HEADER, item.encoding)
        if attached.number(_ATTACH_METHOD) == _EMBEDDED_MESSAGE:
            kinds.append("e-mail")
            continue
        kind = attachment_kind(attached.string(_ATTACH_MIME).strip().lower())
        if kind == "file":
            name = attached.string(_ATTACH_EXTENSION) or attached.string(_ATTACH_LONG_NAME)
            kind = kind_of_file(name or attached.string(_ATTACH_NAME))
        kinds.append(kind)
    return kinds
