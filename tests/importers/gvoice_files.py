"""Google Voice pages written here in Takeout's layout (synthetic; the real samples are
in the shared folder), for the cases the samples lack or to vary one thing at a time."""

from __future__ import annotations

from html import escape
from pathlib import Path

HEAD = (
    '<?xml version="1.0" ?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
    '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
    "<title>{title}</title></head>\n"
)


def party(number: str, name: str = "", me: bool = False) -> str:
    shown = '<abbr class="fn" title="">Me</abbr>' if me else f'<span class="fn">{name}</span>'
    return f'<cite class="sender vcard"><a class="tel" href="tel:{number}">{shown}</a></cite>'


def line(when: str, sender: str, text: str, extra: str = "") -> str:
    return (
        f'<div class="message"><abbr class="dt" title="{when}">a date</abbr>:\n'
        f"{sender}:\n<q>{text}</q>\n{extra}</div> "
    )


def conversation(title: str, *lines: str, participants: str = "") -> str:
    group = f'<div class="participants">Group conversation with:\n{participants}</div>\n'
    return (
        HEAD.format(title=title)
        + '<body><div class="hChatLog hfeed">'
        + (group if participants else "")
        + "".join(lines)
        + "</div></body></html>"
    )


def call(heading: str, number: str, when: str, *, name: str = "", duration: str = "",
         transcript: str = "") -> str:  # fmt: skip
    told = f'<abbr class="duration" title="{duration}">(x)</abbr>' if duration else ""
    said = (
        f'Transcript:\n<span class="description"><span class="full-text">{transcript}</span></span>'
        if transcript
        else ""
    )
    return (
        HEAD.format(title=heading)
        + f'<body><div class="haudio"><span class="album">Call Log for\n</span>\n'
        f'<span class="fn">{heading}\n{escape(name)}</span>\n'
        f'<div class="contributor vcard">{heading}\n<a class="tel" href="tel:{number}">'
        f'<span class="fn">{escape(name)}</span></a></div>\n'
        f'<abbr class="published" title="{when}">a date</abbr>\n{said}<br />\n{told}\n'
        "</div></body></html>"
    )


def write(folder: Path, name: str, page: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


ROBIN = "+14165550142"
FRIEND = "+14165559393"
OWNER = "+14165550100"


def takeout(tmp_path: Path) -> Path:
    """A Takeout of Voice: Robin's texts (and a copy of the page), a missed call and a
    voicemail from Robin, and a friend's texts; the Voice folder inside it."""
    calls = tmp_path / "Takeout" / "Voice" / "Calls"
    robin = conversation(
        "Robin Bell",
        line("2026-11-10T09:00:00.000-05:00", party(ROBIN, "Robin Bell"), "SECRET-ROBIN one"),
        line("2026-11-10T09:05:00.000-05:00", party(OWNER, me=True), "reply"),
        line("2026-11-10T23:30:00.000-05:00", party(ROBIN, "Robin Bell"), "late one"),
    )
    write(calls, "Robin Bell - Text - 2026-11-10T14_00_00Z.html", robin)
    write(calls, "Robin Bell - Text - 2026-11-10T14_00_00Z (1).html", robin)
    missed = call("Missed call from", ROBIN, "2026-11-11T09:00:00.000-05:00", name="Robin Bell")
    write(calls, "Robin Bell - Missed - 2026-11-11T14_00_00Z.html", missed)
    voicemail = call(
        "Voicemail from",
        ROBIN,
        "2026-11-11T10:00:00.000-05:00",
        name="Robin Bell",
        duration="PT42S",
        transcript="SECRET-ROBIN please call",
    )
    write(calls, "Robin Bell - Voicemail - 2026-11-11T15_00_00Z.html", voicemail)
    friend = conversation(
        "Sam",
        line("2026-11-10T10:00:00.000-05:00", party(FRIEND, "Sam"), "SECRET-FRIEND"),
        line("2026-11-10T10:01:00.000-05:00", party(FRIEND, "Sam"), "SECRET-FRIEND again"),
    )
    write(calls, "Sam - Text - 2026-11-10T15_00_00Z.html", friend)
    return tmp_path / "Takeout" / "Voice"
