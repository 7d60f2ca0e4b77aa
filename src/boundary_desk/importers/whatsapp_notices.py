"""What a chat message's text is: words, an attachment noted by kind, a call, or a notice.

WhatsApp writes its own lines in the phone's language. English, French and Hebrew are
known here, as the exports write them (and as the public parsers whatstk, chat-miner,
whatsapp-chat-parser and whats_json list them). iOS starts every line it writes itself
with U+200E; a line that starts so and is no attachment or call is a notice, skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers.records import CallOutcome

_MARKS = "\u200e\u200f"


@dataclass(frozen=True, slots=True)
class Content:
    """A message's text, without the lines WhatsApp wrote for its attachments."""

    body: str
    attachments: tuple[str, ...] = ()
    call: ContactChannel | None = None  # CALL or VIDEO for a call line
    outcome: CallOutcome | None = None
    duration: timedelta | None = None
    skipped: str = ""  # why this is no message ("deleted message", "notice"), or ""


def _one_of(*sentences: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{s})" for s in sentences), re.IGNORECASE)


_DELETED = _one_of(
    r"This message was deleted\.?",
    r"You deleted this message\.?",
    r"Ce message a été supprimé\.?",
    r"Vous avez supprimé ce message\.?",
    r"הודעה זו נמחקה\.?",
    r"מחקת את ההודעה הזו\.?",
    r"מחקת הודעה זו\.?",
)
# Notices that can come under a name: iOS writes them as the contact's or the
# group's, Android as the chat's. They are checked on the whole text.
_NOTICES = _one_of(
    r"Messages and calls are end-to-end encrypted\b.*",
    r"Messages (you send )?to this (group|chat) are now secured with end-to-end encryption\b.*",
    r"Your security code with .+ changed\.?( Tap to learn more\.?)?",
    r".+ changed (their|your) phone number to a new number\b.*",
    r"Les messages et les appels sont chiffrés de bout en bout\b.*",
    r"Votre code de sécurité avec .* a changé\b.*",
    r"ההודעות והשיחות מוצפנות מקצה.*",
    r"קוד האבטחה עם .* שונה.*",
    r"Waiting for this message\b.*",
)
# Notices about the group itself, with no author: written before the text is split
# at its first ":", since a new subject can hold one.
_GROUP_EVENTS = _one_of(
    r"[^:]+ (created group|changed the subject|changed the group name|changed this group's"
    r"|changed the group description|deleted the group description|changed the group)\b.*",
    r"[^:]+ (a créé le groupe|a modifié le sujet|a changé le sujet|a changé le nom).*",
    r"[^:]+ (יצר/ה את הקבוצה|יצר את הקבוצה|יצרה את הקבוצה|שינה/תה את|שינה את|שינתה את).*",
)
_MISSED = _one_of(
    r"Missed (group )?(?P<en>voice|video) call\b.*",
    r"Appel (?P<fr>vocal|vidéo) (de groupe )?manqué\b.*",
    r"(?P<he>שיחה קולית|שיחת וידאו) שלא נענתה.*",
)
_MAY_BE_CALL = re.compile(r"call|appel|שיח", re.IGNORECASE)
_CALL = re.compile(r"(?P<kind>Voice|Video) call, [\u200e]?(?P<how>.+)", re.IGNORECASE)
_DURATION = re.compile(r"(\d+)\s*(hr|h|min|sec|s)\b", re.IGNORECASE)
_EDITED = re.compile(
    r"\s*[\u200e]?<(This message was edited|Ce message a été modifié|ההודעה נערכה)>\s*$"
)
_ATTACHED = re.compile(r"(?:.*\s)?<(?:attached|pièce jointe|מצורף)\s?:\s?(?P<file>[^>]+)>")
_FILE_ATTACHED = re.compile(r"(?P<file>.+?) \((?:file attached|fichier joint|קובץ מצורף)\)")
_OMITTED = {
    "<media omitted>": "media",
    "<médias omis>": "media",
    "<המדיה לא נכללה>": "media",
    "<המדיה הוסרה>": "media",
    "image omitted": "photo",
    "video omitted": "video",
    "audio omitted": "audio",
    "sticker omitted": "sticker",
    "gif omitted": "GIF",
    "contact card omitted": "contact card",
    "<video note omitted>": "video",
    "image absente": "photo",
    "vidéo absente": "video",
    "audio omis": "audio",
    "sticker omis": "sticker",
    "gif retiré": "GIF",
    "התמונה הושמטה": "photo",
    "תמונה מושמטת": "photo",
    "הסרטון הושמט": "video",
    "וידאו מושמט": "video",
    "השמע הושמט": "audio",
    "אודיו מושמט": "audio",
    "הודעה קולית הושמטה": "voice note",
    "סטיקר הושמט": "sticker",
    "מדבקה מושמטת": "sticker",
    "gif מושמט": "GIF",
}
# iOS names a document before the notice: "Report.pdf • 2 pages document omitted".
_DOCUMENT_OMITTED = re.compile(r"(?:.*\s)?(document omitted|document omis|המסמך הושמט)")
_FILE_KINDS = {
    "PHOTO": "photo",
    "IMG": "photo",
    "VIDEO": "video",
    "VID": "video",
    "AUDIO": "audio",
    "AUD": "audio",
    "PTT": "voice note",  # Android's push-to-talk recordings
    "STICKER": "sticker",
    "STK": "sticker",
    "GIF": "GIF",
    "CONTACT": "contact card",
    "DOC": "document",
}
_EXTENSIONS = {
    **dict.fromkeys(("jpg", "jpeg", "png", "heic", "webp", "gif"), "photo"),
    **dict.fromkeys(("mp4", "mov", "3gp", "m4v", "avi"), "video"),
    **dict.fromkeys(("opus",), "voice note"),  # WhatsApp records voice notes in Opus
    **dict.fromkeys(("ogg", "m4a", "mp3", "aac", "wav", "amr"), "audio"),
    **dict.fromkeys(("vcf",), "contact card"),
    **dict.fromkeys(
        ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "odt", "rtf", "pages"),
        "document",
    ),
}


def is_group_event(rest: str) -> bool:
    """A notice about the group (created, renamed), told before any author is looked for."""
    return _GROUP_EVENTS.fullmatch(rest.lstrip(_MARKS)) is not None


def read_content(text: str) -> Content:
    """What the text after "Author: " is."""
    written_by_app = text.startswith(tuple(_MARKS))
    plain = _EDITED.sub("", text.lstrip(_MARKS))
    first_line = plain.split("\n", 1)[0].strip()
    if _DELETED.fullmatch(plain.strip()):
        return Content("", skipped="deleted message")
    if _NOTICES.fullmatch(first_line):
        return Content("", skipped="notice")
    call = _call(first_line)
    if call is not None:
        return call
    kept: list[str] = []
    kinds: list[str] = []
    for line in plain.split("\n"):
        kind = _attachment(line.strip(_MARKS + " "))
        if kind:
            kinds.append(kind)
        else:
            kept.append(line)
    body = "\n".join(kept).strip()
    if written_by_app and not kinds:
        return Content("", skipped="notice")
    return Content(body, tuple(kinds))


def _call(line: str) -> Content | None:
    line = line.strip(_MARKS + " ")
    if not _MAY_BE_CALL.search(line):
        return None
    missed = _MISSED.fullmatch(line)
    if missed:
        video = (missed["en"] or "").lower() == "video" or missed["fr"] == "vidéo"
        video = video or missed["he"] == "שיחת וידאו"
        channel = ContactChannel.VIDEO if video else ContactChannel.CALL
        return Content("", call=channel, outcome=CallOutcome.MISSED)
    found = _CALL.fullmatch(line)
    if found is None:
        return None
    channel = ContactChannel.VIDEO if found["kind"].lower() == "video" else ContactChannel.CALL
    how = found["how"].strip(_MARKS + " ").lower()
    if how.startswith("no answer"):
        return Content("", call=channel, outcome=CallOutcome.NOT_ANSWERED)
    parts = _DURATION.findall(how)
    if not parts:
        return None
    seconds = 0
    for number, unit in parts:
        unit = unit.lower()
        scale = 3600 if unit in {"hr", "h"} else 60 if unit == "min" else 1
        seconds += int(number) * scale
    duration = timedelta(seconds=seconds)
    return Content("", call=channel, outcome=CallOutcome.ANSWERED, duration=duration)


def _attachment(line: str) -> str:
    """The kind of attachment a line stands for, or "" when it is the message's words."""
    line = line.replace("\u200e", "").replace("\u200f", "")
    lowered = line.lower()
    if lowered in _OMITTED:
        return _OMITTED[lowered]
    if not line.endswith((">", ")", "omitted", "omis", "הושמט")):
        return ""  # the cheap test first: most lines are words
    if _DOCUMENT_OMITTED.fullmatch(line):
        return "document"
    found = _ATTACHED.fullmatch(line) or _FILE_ATTACHED.fullmatch(line)
    if found:
        return file_kind(found["file"].strip())
    return ""


def file_kind(name: str) -> str:
    """What an attached file is, from WhatsApp's name for it (00000001-PHOTO-…, IMG-…)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "opus":
        return "voice note"
    for part in re.split(r"[-_ ]", name)[:2]:
        if part.upper() in _FILE_KINDS:
            return _FILE_KINDS[part.upper()]
    return _EXTENSIONS.get(extension, "file")
