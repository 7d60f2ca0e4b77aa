"""Exports written for the import screen's tests and screenshots (no real person in them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

ZOE_PHONE = "+1 416 555 0142"
STRANGER_PHONE = "+14165550177"  # texts often, matches no client
# (when, number, 1 received / 2 sent, body)
Message = tuple[datetime, str, int, str]

TORONTO = ZoneInfo("America/Toronto")


def last_week(weekday: int, hour: int, minute: int = 0) -> datetime:
    """A moment of last week (Monday = 0) in Toronto, as UTC: recent whatever the date, so
    an import never takes it for one dated in the future or long ago."""
    today = datetime.now(TORONTO).date()
    day = today - timedelta(days=today.weekday() + 7 - weekday)
    return datetime.combine(day, time(hour, minute), TORONTO).astimezone(UTC)


ZOE_TEXTS: tuple[Message, ...] = (
    (last_week(0, 9, 5), "+14165550142", 1, "Can we move Thursday?"),
    (last_week(0, 10), "+14165550142", 2, "Yes, 4 pm works."),
    (last_week(4, 22, 40), "(416) 555-0142", 1, "Sorry it's late, rough night"),  # after hours
)
STRANGER_TEXTS: tuple[Message, ...] = tuple(
    (last_week(1 + n, 13), STRANGER_PHONE, 1, f"Dinner at {n + 6}?") for n in range(4)
)


def _sms(when: datetime, number: str, box: int, body: str) -> str:
    millis = int(when.timestamp() * 1000)
    return (
        f'  <sms protocol="0" address={quoteattr(number)} date="{millis}" type="{box}" '
        f'subject="null" body={quoteattr(body)} read="1" contact_name="(Unknown)" />\n'
    )


def sms_backup(path: Path, messages: Iterable[Message]) -> Path:
    """An SMS Backup & Restore message file holding `messages`."""
    rows = [_sms(*message) for message in messages]
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        f'<smses count="{len(rows)}" type="full">\n{"".join(rows)}</smses>\n',
        encoding="utf-8",
    )
    return path


def truncated(path: Path, source: Path, keep: float = 0.75) -> Path:
    """`source` cut off part-way, as a backup copied off a phone that ran out of room."""
    raw = source.read_bytes()
    path.write_bytes(raw[: int(len(raw) * keep)])
    return path


def contact_cards(path: Path) -> Path:
    """Two cards: Zoë's (her number, which she has, and a new e-mail) and a stranger's."""
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Martin\r\nN:Martin;Zoë;;;\r\n"
        f"TEL;TYPE=CELL:{ZOE_PHONE}\r\nEMAIL:zoe.martin@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robin Stranger\r\nN:Stranger;Robin;;;\r\n"
        f"TEL;TYPE=CELL:{STRANGER_PHONE}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    return path
