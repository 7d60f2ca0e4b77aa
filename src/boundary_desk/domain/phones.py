"""Phone numbers compared as numbers: "(416) 555-0142" and "+1 416 555 0142" are one number.

Each number is kept as typed and, beside it, in E.164 ("+14165550142"), read with the
practice's country for numbers typed without a country code. The dialling rules come
from phonenumbers (Apache-2.0), the maintained port of Google's libphonenumber.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from boundary_desk.system.i18n import _, ngettext

_DIGIT_RUN = re.compile(r"\d")
_PHONE_LIKE = re.compile(r"^\+?[0-9 ()./-]+$")
MIN_SEARCH_DIGITS = 3  # fewer digits than this is too little to look a number up by


def e164(text: str, country: str = "") -> str:
    """ "+14165550142" for "(416) 555-0142" in "CA", or "" when `text` isn't a number there.

    A number with a country code ("+44 20 7946 0958") needs no `country`. A number that
    can be read but is not a valid one for its country is kept as read, so a test number
    ("555-0142" style) still matches itself.
    """
    if not _PHONE_LIKE.match(text.strip()):
        return ""
    region = country.upper() if country else None
    # Imported at first use: the dialling rules are slow to load, and opening the app
    # or the vault compares no phone number.
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def digits(text: str) -> str:
    """The digits of `text` when it reads as (part of) a phone number, else ""."""
    if not _PHONE_LIKE.match(text.strip()):
        return ""
    found = "".join(_DIGIT_RUN.findall(text))
    return found if len(found) >= MIN_SEARCH_DIGITS else ""


def has_country_code(typed: str) -> bool:
    """Whether `typed` carries its own country code ("+44 …"), so no region is needed."""
    return typed.strip().startswith("+")


def country_calling_code(country: str) -> int:
    """44 for "GB", 1 for "CA"; 0 for a country without a calling code of its own."""
    import phonenumbers  # at first use, as in e164

    return int(phonenumbers.country_code_for_region(country.upper()))


@dataclass(frozen=True)
class StoredNumber:
    """A client's phone number as kept: the handle it belongs to, and what was typed."""

    handle_id: int
    client_code: str
    typed: str


@dataclass(frozen=True)
class NumbersReread:
    """The stored numbers typed without a country code, read again in a new country."""

    country: str
    numbers: Mapping[int, str]  # handle id → E.164 in `country`, "" when it can't be read there
    unreadable: tuple[str, ...]  # the client code of each number that can't be read there

    @property
    def count(self) -> int:
        return len(self.numbers)

    def sentence(self, place: str) -> str:
        """E.g. "3 phone numbers typed without a country code will be read as +44 (United
        Kingdom) numbers." and which can't be, by client code; "" when there are none."""
        if not self.count:
            return ""
        code = country_calling_code(self.country)
        kind = f"+{code} ({place})" if code else place
        said = ngettext(
            "{count} phone number typed without a country code will be read as a {kind} number.",
            "{count} phone numbers typed without a country code will be read as {kind} numbers.",
            self.count,
        ).format(count=self.count, kind=kind)
        if self.unreadable:
            which = ", ".join(self.unreadable)
            if self.count == 1:
                lost = _(
                    "It can't be read there; it is kept as typed but won't be matched as a "
                    "number: {codes}."
                )
            else:
                lost = ngettext(
                    "{count} of them can't be read there; it is kept as typed but won't be "
                    "matched as a number: {codes}.",
                    "{count} of them can't be read there; they are kept as typed but won't be "
                    "matched as numbers: {codes}.",
                    len(self.unreadable),
                )
            said += " " + lost.format(count=len(self.unreadable), codes=which)
        return said


def reread_numbers(stored: Iterable[StoredNumber], country: str) -> NumbersReread:
    """Read every stored number typed without a country code again, in `country`.

    A number with its own country code keeps its form. One that is no number in
    `country` keeps what was typed and loses its E.164 form, so it is matched only by
    its digits, and its client's code is listed so the clinician can look at it.
    """
    numbers: dict[int, str] = {}
    unreadable: list[str] = []
    for kept in stored:
        if has_country_code(kept.typed):
            continue
        numbers[kept.handle_id] = found = e164(kept.typed, country)
        if not found:
            unreadable.append(kept.client_code)
    return NumbersReread(country.upper(), numbers, tuple(sorted(unreadable)))
