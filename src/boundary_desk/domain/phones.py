"""Phone numbers compared as numbers: "(416) 555-0142" and "+1 416 555 0142" are one number.

Each number is kept as typed and, beside it, in E.164 ("+14165550142"), read with the
practice's country for numbers typed without a country code. The dialling rules come
from phonenumbers (Apache-2.0), the maintained port of Google's libphonenumber.
"""

from __future__ import annotations

import re

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
