"""Which kind of export a file is, told from its content rather than its name."""

from __future__ import annotations

import errno
import os
import re
import struct
import zipfile
import zlib
from enum import StrEnum
from pathlib import Path

import olefile

from boundary_desk.importers import apple_db
from boundary_desk.importers.email_mbox import looks_like_envelope
from boundary_desk.importers.gvoice_files import holds_voice_pages, is_takeout_page, is_voice_page
from boundary_desk.importers.meta_layout import Part, part_of
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.whatsapp_header import HEADER as _CHAT_LINE
from boundary_desk.system.i18n import N_, _


class SourceKind(StrEnum):
    SBR_MESSAGES = "sbr-messages"
    SBR_CALLS = "sbr-calls"
    VCARD = "vcard"
    EMAIL = "email"
    MBOX = "mbox"
    OUTLOOK_MSG = "outlook-msg"
    WHATSAPP_TEXT = "whatsapp-text"
    WHATSAPP_ZIP = "whatsapp-zip"
    GOOGLE_VOICE = "google-voice"
    TELEGRAM = "telegram"
    IMESSAGE = "imessage"
    IMESSAGE_CALLS = "imessage-calls"
    META_FOLDER = "meta-folder"
    META_ZIP = "meta-zip"
    META_JSON = "meta-json"
    CALENDAR = "calendar"

    @property
    def description(self) -> str:
        """What the kind is, as a noun phrase in the app's language ("an Outlook item")."""
        return _(_DESCRIPTIONS[self])


_DESCRIPTIONS = {
    SourceKind.SBR_MESSAGES: N_("an SMS Backup & Restore message backup"),
    SourceKind.SBR_CALLS: N_("an SMS Backup & Restore call log"),
    SourceKind.VCARD: N_("a file of contact cards (vCard)"),
    SourceKind.EMAIL: N_("an e-mail message (.eml)"),
    SourceKind.MBOX: N_("a mailbox of e-mails (.mbox)"),
    SourceKind.OUTLOOK_MSG: N_("an Outlook item (.msg)"),
    SourceKind.WHATSAPP_TEXT: N_("a WhatsApp chat export"),
    SourceKind.WHATSAPP_ZIP: N_("a WhatsApp chat export (.zip)"),
    SourceKind.GOOGLE_VOICE: N_("Google Voice from Google Takeout"),
    SourceKind.TELEGRAM: N_("a Telegram Desktop export (its folder, or result.json)"),
    SourceKind.IMESSAGE: N_("a Messages database (a Mac's chat.db or an iPhone's sms.db)"),
    SourceKind.IMESSAGE_CALLS: N_("an Apple call history (CallHistory.storedata)"),
    SourceKind.META_FOLDER: N_("a Facebook or Instagram download (folder)"),
    SourceKind.META_ZIP: N_("a Facebook or Instagram download (.zip)"),
    SourceKind.META_JSON: N_("a Facebook or Instagram messages or requests file (.json)"),
    SourceKind.CALENDAR: N_("a session calendar (.ics)"),
}
KNOWN_FORMATS = N_(
    "Boundary Desk imports SMS Backup & Restore messages and call logs (.xml), contact "
    "cards (.vcf), e-mail (.eml, .mbox, Outlook .msg), WhatsApp chat exports "
    "(.txt or .zip), Apple Messages and call history (chat.db, sms.db, "
    "CallHistory.storedata), Facebook and Instagram downloads (the folder, the .zip "
    "or a message_1.json), Google Voice from Google Takeout (the Voice folder), "
    "Telegram Desktop exports (the folder, or its result.json) and session calendars (.ics)."
)
_HEAD = 1 << 16
TELEGRAM_RESULT = "result.json"  # what Telegram Desktop writes in the folder it makes
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s+)*", re.DOTALL
)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-:]*)")
_HEADER = re.compile(r"^[!-9;-~]+[ \t]*:")  # RFC 5322: any printable ASCII but ":"
_MAIL_HEADERS = re.compile(r"^(from|to|date|subject|message-id|received|return-path):", re.I)
_OFFICE_STREAMS = {
    "WordDocument": N_("a Word document"),
    "Workbook": N_("an Excel workbook"),
    "Book": N_("an Excel workbook"),
    "PowerPoint Document": N_("a PowerPoint presentation"),
}
# A thread's messages name their sender; request lists have their own keys.
_META_JSON = re.compile(
    r'"(?:sender_name|senderName|received_requests|received_requests_v2|'
    r'relationships_follow_requests_received)"\s*:'
)
_JSON_LIST = re.compile(r'\[\s*(?:[\[{\]"]|\Z)')
_META_PARTS = (Part.THREAD, Part.REQUESTS)
_MOST_LOOKED_AT = 500_000  # files and folders looked at in a folder before giving up
_XML_ROOTS = {"smses": SourceKind.SBR_MESSAGES, "calls": SourceKind.SBR_CALLS}
_OTHER_XML = {
    "alllogs": N_("a call log from another app (Super Backup)"),
    "html": N_("a web page (HTML)"),
    "allsms": N_("a message backup from another app (Super Backup)"),
}


def recognise(path: Path) -> SourceKind:
    """The kind of export `path` is; `WrongKind` naming what it looks like when none."""
    if path.is_dir():
        return _folder_kind(path)
    with path.open("rb") as file:
        head = file.read(_HEAD)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(_OLE):
        return _ole_kind(path)
    if head.startswith(apple_db.SQLITE_HEADER):
        return _sqlite_kind(path)
    if head.startswith(b"%PDF"):
        raise _unknown(_("a PDF document"))
    text = _as_text(head).lstrip("\ufeff \t\r\n")
    if not text:
        raise WrongKind(_("This file is empty. {formats}").format(formats=_(KNOWN_FORMATS)))
    kind = _text_kind(text)
    if kind is None:
        raise _unknown(_looks_like(text))
    return kind


def _as_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def _text_kind(text: str) -> SourceKind | None:
    if text.startswith("{") and _is_telegram(text):
        return SourceKind.TELEGRAM
    if text.startswith("{") or _JSON_LIST.match(text):  # not "[20.06.19, …]", an iOS chat
        return SourceKind.META_JSON if _META_JSON.search(text) else None
    if text.startswith("<"):
        root = _xml_root(text)
        if (root or "").lower() == "html" and is_voice_page(text):
            return SourceKind.GOOGLE_VOICE
        return _XML_ROOTS.get(root or "")
    first_line = text.split("\n", 1)[0].strip()
    if first_line.upper().startswith("BEGIN:VCARD"):
        return SourceKind.VCARD
    if first_line.upper().startswith("BEGIN:VCALENDAR"):
        return SourceKind.CALENDAR
    lines = text.splitlines()[:40]
    if first_line.startswith("From ") and (
        looks_like_envelope(first_line.encode())
        or (len(lines) > 1 and _HEADER.match(lines[1]))
        or "\n" not in text  # a mailbox cut short inside its first envelope line
    ):
        return SourceKind.MBOX  # an envelope line, or one followed by a message's headers
    if _is_chat(lines):
        return SourceKind.WHATSAPP_TEXT
    if _is_email(lines):
        return SourceKind.EMAIL
    return None


_TELEGRAM_MARKS = re.compile(r'"(?:date_unixtime|personal_information|from_id)"\s*:')


def _is_telegram(text: str) -> bool:
    """Telegram Desktop's JSON: its own keys ("date_unixtime", "from_id") near the top."""
    return _TELEGRAM_MARKS.search(text) is not None


def _xml_root(text: str) -> str | None:
    prolog = _XML_PROLOG.match(text)
    found = _ROOT.match(text, prolog.end() if prolog else 0)
    return found.group(1) if found else None


def _is_chat(lines: list[str]) -> bool:
    # An export starts with a dated line; a short one may go on with a message's
    # further lines only, so the first line alone is enough. Two dated lines near
    # the top also are, so a chat missing its start is still told as one.
    written = [line for line in lines if line.strip()]
    if written and _CHAT_LINE.match(written[0]):
        return True
    return sum(1 for line in written if _CHAT_LINE.match(line)) >= 2


def _is_email(lines: list[str]) -> bool:
    headers = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in " \t":
            continue
        if not _HEADER.match(line):
            return False
        headers.append(line)
    return any(_MAIL_HEADERS.match(line) for line in headers)


def _zip_kind(path: Path) -> SourceKind:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _unknown(_("a damaged ZIP archive")) from None
    try:
        names = archive.namelist()
        if any(part_of(name) in _META_PARTS for name in names):
            return SourceKind.META_ZIP
        if any(Path(name).name.endswith("_chat.txt") for name in names):
            return SourceKind.WHATSAPP_ZIP
        # Android's "Export chat" with media, zipped by the phone's share sheet, holds
        # "WhatsApp Chat with X.txt" beside the media: a single text file of chat lines.
        texts = [name for name in names if name.lower().endswith(".txt")]
        if len(texts) == 1 and _is_chat(_zip_head(archive, texts[0]).splitlines()[:40]):
            return SourceKind.WHATSAPP_ZIP
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _unknown(_("a damaged ZIP archive")) from None
    finally:
        archive.close()
    raise _unknown(_("a ZIP archive with no WhatsApp chat in it"))


def _ole_kind(path: Path) -> SourceKind:
    """An Outlook item, told from Word, Excel and PowerPoint files of the same container."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, struct.error, ValueError, IndexError, KeyError, TypeError, EOFError):
        raise _unknown(_("a damaged Office or Outlook file")) from None
    if "__properties_version1.0" in names:
        return SourceKind.OUTLOOK_MSG
    for stream, what in _OFFICE_STREAMS.items():
        if stream in names:
            raise _unknown(_(what))
    raise _unknown(_("an Office file of another kind"))


def _sqlite_kind(path: Path) -> SourceKind:
    """Messages or call history, told by the tables inside; any other database refused."""
    with apple_db.opened(path) as connection:
        found = apple_db.tables(connection)
    if found.keys() >= apple_db.MESSAGE_TABLES and found["message"] >= {"guid", "date"}:
        return SourceKind.IMESSAGE
    if "ZCALLRECORD" in found and found["ZCALLRECORD"] >= apple_db.CALL_COLUMNS:
        return SourceKind.IMESSAGE_CALLS
    raise WrongKind(
        _(
            "This file is a database, but neither a Messages database (chat.db, sms.db: "
            "tables message, handle and chat) nor a call history (CallHistory.storedata: "
            "table ZCALLRECORD)."
        )
    )


def _zip_head(archive: zipfile.ZipFile, name: str) -> str:
    try:
        with archive.open(name) as member:
            return _as_text(member.read(_HEAD)).lstrip("\ufeff")
    # zipfile raises NotImplementedError for a compression method it lacks, RuntimeError
    # for an encrypted member: either way the head can't be read, so it isn't a chat.
    except (NotImplementedError, RuntimeError, zlib.error):
        return ""


def _looks_like(text: str) -> str:
    """What the file seems to be instead, as a noun phrase in the app's language."""
    if text.startswith("<"):
        root = _xml_root(text)
        if root is None:
            return _("a damaged XML file")
        if root.lower() == "html" and is_takeout_page(text):
            return _("a Google Takeout page from another Google product, not Google Voice")
        other = _OTHER_XML.get(root.lower())
        return _(other) if other else _("an XML file of another kind")
    if text[:1] in "{[":
        return _(
            "a JSON file of a layout it doesn't know (a Facebook or Instagram "
            "message_1.json or list of requests received, or a Telegram result.json, was "
            "expected)"
        )
    if "\ufffd" in text[:4096] or "\x00" in text[:4096]:
        return _("a binary file")
    return _("a text file of another kind")


def _folder_kind(folder: Path) -> SourceKind:
    """Google Takeout's Voice pages, a Telegram Desktop export's folder, or a Facebook or
    Instagram download unzipped; any other folder is refused as one."""
    if holds_voice_pages(folder):
        return SourceKind.GOOGLE_VOICE
    if _holds_telegram_result(folder):
        return SourceKind.TELEGRAM
    seen = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in files:
            relative = Path(root, name).relative_to(folder).as_posix()
            if part_of(relative) in _META_PARTS:
                return SourceKind.META_FOLDER
        seen += len(files) + len(dirs)
        if seen > _MOST_LOOKED_AT:
            break
    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))


def _holds_telegram_result(folder: Path) -> bool:
    """A folder Telegram Desktop made (ChatExport_…, DataExport_…): its result.json is one."""
    try:
        with (folder / TELEGRAM_RESULT).open("rb") as file:
            head = file.read(_HEAD)
    except OSError:  # none there, or a folder of that name
        return False
    text = _as_text(head).lstrip("\ufeff \t\r\n")
    return text.startswith("{") and _is_telegram(text)


def not_expected(found: SourceKind, expected: str) -> str:
    """ "This file is an Outlook item (.msg); a WhatsApp chat export was expected.", where
    `expected` is a noun phrase in the app's language (another kind's description)."""
    sentence = _("This file is {kind}; {expected} was expected.")
    return sentence.format(kind=found.description, expected=expected)


def _unknown(what: str) -> WrongKind:
    """`what` the file looks like (already in the app's language), and what can be read."""
    sentence = _("This file looks like {kind}, not an export it can read. {formats}")
    return WrongKind(sentence.format(kind=what, formats=_(KNOWN_FORMATS)))
