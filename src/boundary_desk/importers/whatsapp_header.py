"""The date and time that start each message of a WhatsApp chat export.

WhatsApp writes them in the phone's own locale, so one pattern covers many layouts:
    Android  20/06/2019, 15:58 - Loris: text          (also 6/20/19, 3:58 PM - ...)
    iOS      [20.06.19, 15:58:47] Loris: text         (often after U+200E)
    others   2019/06/20, 15:58 - ... · [1.10.2026 klo 16.46.12] ... · 20. 6. 2019 15:58 - ...
The day, month and year are kept as written: which is which is only known once the
whole file has been seen (`whatsapp_time.DateOrder`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 12-hour markers: English, Spanish style ("p. m."), and the CJK and Arabic markers
# WhatsApp puts before the time in those locales.
_AM = {"am", "a.m.", "a. m.", "a.m", "a. m", "오전", "上午", "午前", "ص"}
_PM = {"pm", "p.m.", "p. m.", "p.m", "p. m", "오후", "下午", "午後", "م"}
_MERIDIEM = r"[AaPp]\.?\s?[Mm]\.?|오전|오후|上午|下午|午前|午後|ص|م"
_SPACE = r"[ \u00a0\u202f]"  # iOS puts a narrow no-break space before AM/PM
HEADER = re.compile(
    r"[\u200e\u200f]*(?P<open>\[)?"
    r"(?P<d1>\d{1,4})(?P<sep>[./-])" + _SPACE + r"?(?P<d2>\d{1,2})(?P=sep)"
    r"" + _SPACE + r"?(?P<d3>\d{1,4})\.?,?" + _SPACE + r"+"
    # A word between date and time in some locales ("klo", "à", "um", "о").
    r"(?:[^\W\d_]{1,4}\.?" + _SPACE + r")?"
    r"(?:(?P<before>" + _MERIDIEM + r")" + _SPACE + r"?)?"
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:" + _SPACE + r"?(?P<after>" + _MERIDIEM + r"))?"
    r"(?(open)\]" + _SPACE + r"?|" + _SPACE + r"[-\u2013]" + _SPACE + r")"
)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A message's date and time as the file writes them, before the order is known."""

    fields: tuple[int, int, int]  # the date's three numbers, in file order
    year_digits: tuple[int, int, int]  # how many digits each was written with
    hour: int  # 0-23, 12-hour times already converted
    minute: int
    second: int


@dataclass(frozen=True, slots=True)
class HeaderLine:
    stamp: Stamp
    rest: str  # what follows the header: "Author: text", or a notice


def read_header(line: str) -> HeaderLine | None:
    """The line's date, time and the rest, or None when it doesn't start a message."""
    found = HEADER.match(line)
    if found is None:
        return None
    hour, minute = int(found["hour"]), int(found["minute"])
    second = int(found["second"] or 0)
    meridiem = (found["before"] or found["after"] or "").lower().replace("\u00a0", " ")
    if meridiem:
        if not 0 <= hour <= 12:
            return None
        if meridiem in _PM and hour < 12:
            hour += 12
        elif meridiem in _AM and hour == 12:
            hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    digits = (found["d1"], found["d2"], found["d3"])
    stamp = Stamp(
        fields=(int(digits[0]), int(digits[1]), int(digits[2])),
        year_digits=(len(digits[0]), len(digits[1]), len(digits[2])),
        hour=hour,
        minute=minute,
        second=second,
    )
    return HeaderLine(stamp, line[found.end() :])
