"""Attribute values of SMS Backup & Restore records, read the way the app writes them."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Below this, a `date` can only be seconds: as milliseconds it would fall in 1973.
_SECONDS_BELOW = 10**11
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


class Skipped(Exception):
    """A record that is not a contact (a draft) or can't be read; the reason is a label."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def instant(value: str | None) -> datetime | None:
    """The moment a `date` attribute names, in UTC; None when it names none."""
    found = moment(value)
    return found[0] if found else None


def moment(value: str | None) -> tuple[datetime, str] | None:
    """The moment a `date` attribute names, in UTC, with its whole milliseconds since the
    epoch as `millis` writes them (read from the number, not worked back from the time)."""
    found = (value or "").strip()
    if not is_number(found):
        return None
    number = int(found)
    if number == 0:
        return None
    ms = number * 1000 if number < _SECONDS_BELOW else number
    step = timedelta(milliseconds=ms)
    if step > _LATEST - _EPOCH:
        return None
    return _EPOCH + step, str(ms)


def millis(when: datetime) -> str:
    """An instant as whole milliseconds since the epoch, exactly, for a source key."""
    return str((when - _EPOCH) // timedelta(milliseconds=1))


def text(value: str | None) -> str:
    """An attribute as text, with the app's literal "null" read as nothing."""
    if value is None or value == "null":
        return ""
    return value


def name(value: str | None) -> str:
    """A contact name the phone showed, with the app's placeholders read as nothing."""
    found = text(value).strip()
    return "" if found in {"(Unknown)", "(unknown)"} else found


def is_number(value: str) -> bool:
    """ASCII digits only: `str.isdigit` also takes "²", which `int` refuses."""
    return value.isascii() and value.isdigit()


def whole_number(value: str | None) -> int | None:
    found = text(value).strip()
    return int(found) if is_number(found) else None


def source_key(kind: str, *parts: str) -> str:
    """A stable key for one record: a hash, so no content is kept in the key itself."""
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass"))
    return f"sbr-{kind}:{digest.hexdigest()}"
