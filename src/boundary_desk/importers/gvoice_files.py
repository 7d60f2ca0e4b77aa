"""Which files of a Google Takeout folder are Google Voice pages, and what a page is.

Takeout writes one HTML page per conversation, call and voicemail under `Voice/Calls/`,
named "<contact> - <type> - <UTC time>.html"; a repeated name gets " (1)" and so on.
Nothing here reads a page's people or text: only names and the first bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_HEAD = 1 << 16
# The page classes Takeout gives a conversation and a call, present in the first bytes.
_VOICE_MARKS = ('class="hChatLog', 'class="haudio"', "class='hChatLog", "class='haudio'")
_COPY = re.compile(r" \((\d+)\)$")
_TYPE = re.compile(r"(?:^|[ _])-[ _](Text|Received|Placed|Missed|Voicemail|Recorded)[ _]-[ _]")


def is_voice_page(text: str) -> bool:
    """Whether the start of an HTML page is a Google Voice conversation or call."""
    return any(mark in text for mark in _VOICE_MARKS)


def is_takeout_page(text: str) -> bool:
    """Whether the start of an HTML page looks like another Google product's Takeout page."""
    lowered = text.lower()
    return "takeout" in lowered or "google" in lowered


def named_type(path: Path) -> str:
    """The type Takeout wrote in the file name ("Text", "Placed", …); "" for old files."""
    found = _TYPE.search(path.name)
    return found.group(1) if found else ""


def copy_key(path: Path) -> str:
    """The file's name without Takeout's " (1)" copy mark, so copies share one key."""
    return _COPY.sub("", path.stem)


def voice_folder(path: Path) -> Path:
    """The folder of pages inside `path`: Takeout's, its Voice folder's, or its own. A
    Takeout made in another language names its folders in it ("Appels", "Anrufe"), so
    when none has the English names, the first folder a level or two down whose pages
    are Voice pages is taken."""
    for candidate in (path / "Takeout" / "Voice" / "Calls", path / "Voice" / "Calls"):
        if candidate.is_dir():
            return candidate
    calls = path / "Calls"
    if calls.is_dir():
        return calls
    if not path.is_dir() or _pages_are_voice(path):
        return path
    for depth in ("*", "*/*", "*/*/*"):
        for folder in sorted(p for p in path.glob(depth) if p.is_dir()):
            if _pages_are_voice(folder):
                return folder
    return path


def _pages_are_voice(folder: Path, looked_at: int = 3) -> bool:
    """Whether the first pages directly in `folder` are Google Voice pages."""
    try:
        pages = sorted(p for p in folder.glob("*.html") if p.is_file())[:looked_at]
    except OSError:
        return False
    return _any_voice_page(pages)


def _any_voice_page(pages: Iterable[Path]) -> bool:
    """Whether any of `pages` is a Google Voice page, read from its first bytes."""
    for page in pages:
        try:
            with page.open("rb") as file:
                head = file.read(_HEAD).decode("utf-8", errors="replace")
        except OSError:
            continue
        if is_voice_page(head):
            return True
    return False


def voice_pages(folder: Path) -> list[Path]:
    """The HTML pages of a Voice folder, one per page key, each copy left out."""
    found = voice_folder(folder)
    pages: dict[str, Path] = {}
    for page in sorted(found.glob("*.html"), key=lambda p: (copy_key(p), p.name)):
        if not page.is_file():
            continue
        key = copy_key(page)
        held = pages.get(key)
        if held is None or (_COPY.search(held.stem) and not _COPY.search(page.stem)):
            pages[key] = page
    return [pages[key] for key in sorted(pages)]


def copies_in(folder: Path) -> int:
    """How many pages of a Voice folder are Takeout's repeated copies of another page."""
    found = voice_folder(folder)
    return sum(1 for page in found.glob("*.html")) - len(voice_pages(folder))


def holds_voice_pages(folder: Path) -> bool:
    """Whether a folder holds at least one Google Voice page (read from its first bytes)."""
    return _any_voice_page(voice_pages(folder))
