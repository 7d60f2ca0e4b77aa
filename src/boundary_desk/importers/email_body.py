"""What an e-mail says and what it carries: its text, and its attachments' kinds only.

The text is the plain part, in its declared charset; without one, the HTML part
reduced to its text (markup is read as structure, never run or fetched). Attachments
are noted by kind ("photo"); their bytes are never decoded or kept.
"""

from __future__ import annotations

import re
from email.message import Message
from html import unescape
from html.parser import HTMLParser

from boundary_desk.importers.sbr_messages import attachment_kind

_SIGNATURES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
}
_EXTENSIONS = {
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "heic", "webp", "bmp", "tif", "tiff"), "photo"),
    **dict.fromkeys(("mp4", "mov", "avi", "3gp", "mkv", "webm", "wmv"), "video"),
    **dict.fromkeys(("mp3", "m4a", "wav", "ogg", "aac", "amr", "flac", "opus", "wma"), "audio"),
    **dict.fromkeys(
        ("pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt"),
        "document",
    ),
    "vcf": "contact card",
    "ics": "calendar entry",
    "eml": "e-mail",
    "msg": "e-mail",
}
_DEEPEST = 40  # parts nested deeper than any mail program writes are not looked into
_BLOCKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_HIDDEN = {"script", "style", "head", "title", "template"}
_TAG = re.compile(r"<[^>]*>?")


def body_and_attachments(message: Message) -> tuple[str, tuple[str, ...]]:
    """The message's text, and the kind of each thing attached to it, in order."""
    texts: list[Message] = []
    _texts(message, texts, 0)
    part = next((t for t in texts if t.get_content_subtype() == "plain"), None)
    part = part or (texts[0] if texts else None)
    body = ""
    if part is not None:
        body = part_text(part)
        if part.get_content_subtype() == "html":
            body = html_to_text(body)
    kinds: list[str] = []
    _collect(message, part, kinds, 0)
    return tidy(body), tuple(kinds)


def part_text(part: Message) -> str:
    """A text part in its declared charset; UTF-8 when it declares none, or one that is
    unknown or plainly wrong (8-bit bytes "in US-ASCII"), else Windows-1252."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    declared = part.get_content_charset() or "us-ascii"
    for charset in (declared, "utf-8"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("cp1252", "replace")


def tidy(text: str) -> str:
    """One kind of line break, and no blank lines around the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def html_to_text(html: str) -> str:
    """The text an HTML body shows, a line per block; nothing in it is run or fetched."""
    reader = _TextOfHtml()
    try:
        reader.feed(html)
        reader.close()
        shown = "".join(reader.pieces)
    except AssertionError:  # html.parser's answer to some broken declarations ("<![<")
        shown = unescape(_TAG.sub("\n", html))
    lines = (" ".join(line.split()) for line in shown.split("\n"))
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS and tag != "br":
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.pieces.append(data)


def _texts(part: Message, found: list[Message], depth: int) -> None:
    """The plain and HTML parts that are not attachments, in order: the body's candidates."""
    if depth > _DEEPEST or _is_attachment(part):
        return
    maintype = part.get_content_maintype()
    if maintype == "text" and part.get_content_subtype() in {"plain", "html"}:
        found.append(part)
    elif maintype == "multipart":
        for inner in _inner(part):
            _texts(inner, found, depth + 1)


def _inner(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


def _collect(part: Message, body: object, kinds: list[str], depth: int) -> None:
    if part is body or depth > _DEEPEST:
        return
    if part.get_content_maintype() == "multipart":
        for inner in _inner(part):
            _collect(inner, body, kinds, depth + 1)
        return
    content_type = part.get_content_type()
    if content_type.startswith("message/"):
        kinds.append("e-mail")  # a forwarded e-mail; what it holds is not this message's
    elif content_type in _SIGNATURES:
        return
    elif content_type in {"text/plain", "text/html"} and not _is_attachment(part):
        return  # another rendering of the text, or a piece of it
    else:
        kinds.append(_kind(part, content_type))


def _is_attachment(part: Message) -> bool:
    disposition = part.get_content_disposition()
    return disposition == "attachment"


def _kind(part: Message, content_type: str) -> str:
    kind = attachment_kind(content_type)
    if kind != "file":
        return kind
    try:
        name = part.get_filename() or ""
    except (LookupError, ValueError, TypeError):
        name = ""
    return kind_of_file(name)


def kind_of_file(name: str) -> str:
    """What an attachment is, in the clinician's words, from its file name alone."""
    extension = name.rsplit(".", 1)[-1].strip().lower() if "." in name else ""
    return _EXTENSIONS.get(extension, "file")
