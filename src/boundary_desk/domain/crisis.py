"""Crisis resources printed on agreements: who a client calls when it cannot wait."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from boundary_desk.domain.text_rules import refuse_bidi_controls
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _

ACCEPTED_CRISIS = N_(
    'Crisis resources must look like "Emergency: 911; 988 Suicide & Crisis Lifeline: 988"; '
    "each number is 2 to 20 characters of digits, spaces, +, - or brackets."
)

_NUMBER = re.compile(r"[0-9+()\- ]{2,20}")
_LABEL_MAX = 80


@dataclass(frozen=True)
class CrisisResource:
    """A named number, e.g. ("988 Suicide & Crisis Lifeline (call or text)", "988")."""

    label: str
    number: str


def _resources(*pairs: tuple[str, str]) -> tuple[CrisisResource, ...]:
    return tuple(CrisisResource(label, number) for label, number in pairs)


_NORTH_AMERICA_EMERGENCY = ("Emergency (police, ambulance, fire)", "911")

# Checked against each service's own published numbers; 988 launched in the US in
# July 2022 and in Canada (as "9-8-8: Suicide Crisis Helpline") in November 2023.
_DEFAULTS: dict[str, tuple[CrisisResource, ...]] = {
    "US": _resources(
        _NORTH_AMERICA_EMERGENCY,
        ("988 Suicide & Crisis Lifeline (call or text)", "988"),
    ),
    "CA": _resources(
        _NORTH_AMERICA_EMERGENCY,
        ("9-8-8 Suicide Crisis Helpline (call or text)", "988"),
    ),
    "GB": _resources(
        ("Emergency (police, ambulance, fire)", "999"),
        ("Samaritans (24 hours, free)", "116 123"),
        ("NHS 111 (urgent mental health help)", "111"),
    ),
    "IE": _resources(
        ("Emergency (police, ambulance, fire)", "112"),
        ("Samaritans (24 hours, free)", "116 123"),
    ),
    "AU": _resources(
        ("Emergency (police, ambulance, fire)", "000"),
        ("Lifeline (24 hours)", "13 11 14"),
    ),
    "NZ": _resources(
        ("Emergency (police, ambulance, fire)", "111"),
        ("Need to talk? (call or text)", "1737"),
    ),
    "IL": _resources(
        ("Magen David Adom (ambulance)", "101"),
        ("Police", "100"),
        ("ERAN emotional first aid", "1201"),
    ),
}

# Quebec adds Info-Social 811 (option 2: a psychosocial worker, 24 hours) to Canada's.
_DEFAULTS["CA-QC"] = (
    *_DEFAULTS["CA"],
    CrisisResource("Info-Social 811 (option 2, psychosocial help, 24 hours)", "811"),
)

# The same resources in the other languages an agreement prints in, line for line.
_TRANSLATED: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "fr"): (
        "Urgence (police, ambulance, pompiers)",
        "9-8-8, ligne d'aide en cas de crise suicidaire (appel ou texto)",
    ),
    ("CA-QC", "fr"): (
        "Urgence (police, ambulance, pompiers)",
        "9-8-8, ligne d'aide en cas de crise suicidaire (appel ou texto)",
        "Info-Social 811 (option 2, consultation psychosociale, 24 h sur 24)",
    ),
    ("CA", "he"): (
        "חירום (משטרה, אמבולנס, כבאות)",
        "9-8-8, קו סיוע במשבר אובדני (שיחה או הודעה)",
    ),
    ("CA-QC", "he"): (
        "חירום (משטרה, אמבולנס, כבאות)",
        "9-8-8, קו סיוע במשבר אובדני (שיחה או הודעה)",
        "Info-Social 811 (שלוחה 2, סיוע נפשי-סוציאלי, 24 שעות)",
    ),
    ("US", "fr"): (
        "Urgence (police, ambulance, pompiers)",
        "988, ligne d'aide en cas de crise suicidaire (appel ou texto)",
    ),
    ("US", "he"): (
        "חירום (משטרה, אמבולנס, כבאות)",
        "קו 988 למשבר ולמניעת אובדנות (Suicide & Crisis Lifeline, שיחה או הודעה)",
    ),
    ("GB", "fr"): (
        "Urgence (police, ambulance, pompiers)",
        "Samaritans (24 h sur 24, gratuit)",
        "NHS 111 (aide urgente en santé mentale)",
    ),
    ("GB", "he"): (
        "חירום (משטרה, אמבולנס, כבאות)",
        "עמותת Samaritans (24 שעות ביממה, ללא תשלום)",
        "קו NHS 111 (עזרה דחופה בבריאות הנפש)",
    ),
    ("IL", "he"): ("מד״א, מגן דוד אדום (אמבולנס)", "משטרה", "ער״ן, עזרה ראשונה נפשית"),
    ("IL", "fr"): ("Magen David Adom (ambulance)", "Police", "ERAN, premiers soins émotionnels"),
}

# Most mobile networks route 112 to emergency services; there is no universal crisis
# line, so the clinician is expected to add the local one (see has_local_defaults).
_FALLBACK = _resources(("Emergency services", "112"))

# The number for a medical emergency such as self-harm or an overdose; in Israel that
# is the ambulance service rather than the police.
_EMERGENCY = {
    "US": "911",
    "CA": "911",
    "GB": "999",
    "IE": "112",
    "AU": "000",
    "NZ": "111",
    "IL": "101",
}


def _country(code: str) -> str:
    upper = code.strip().upper()
    return "GB" if upper == "UK" else upper


def default_crisis_resources(
    country: str, subdivision: str | None = None, language: str = "en"
) -> tuple[CrisisResource, ...]:
    """The built-in resources for a country (and province: Quebec has its own), in
    `language` where they are written in it, or 112 where none are known."""
    key = _region_key(country, subdivision)
    english = _DEFAULTS.get(key, _FALLBACK)
    labels = _TRANSLATED.get((key, language))
    if labels is None:
        return english
    return tuple(CrisisResource(label, r.number) for label, r in zip(labels, english, strict=True))


def in_language(
    resources: tuple[CrisisResource, ...], country: str, subdivision: str | None, language: str
) -> tuple[CrisisResource, ...]:
    """`resources` for an agreement in `language`: the built-in ones of the region (in any
    language) in that language; the clinician's own, as they wrote them."""
    key = _region_key(country, subdivision)
    for written in ("en", "fr", "he"):
        if resources == default_crisis_resources(country, subdivision, written):
            return default_crisis_resources(country, subdivision, language)
    if key != _country(country):  # set before the province had its own: the country's
        for written in ("en", "fr", "he"):
            if resources == default_crisis_resources(country, None, written):
                return default_crisis_resources(country, None, language)
    return resources


def _region_key(country: str, subdivision: str | None) -> str:
    key = _country(country)
    if subdivision and f"{key}-{subdivision.strip().upper()}" in _DEFAULTS:
        return f"{key}-{subdivision.strip().upper()}"
    return key


def has_local_defaults(country: str) -> bool:
    """Whether built-in resources (including a crisis line) exist for a country code."""
    return _country(country) in _DEFAULTS


def emergency_number(country: str) -> str:
    """The number to call for an emergency in a country, "112" where it is not known."""
    return _EMERGENCY.get(_country(country), "112")


def _refuse(problem: str) -> InvalidInput:
    """The problem (already in the app's language), then what is accepted."""
    return InvalidInput(f"{problem} {_(ACCEPTED_CRISIS)}")


def _parse_entry(entry: str) -> CrisisResource:
    # The number never holds a colon, so the last colon splits it from the label,
    # which may then contain colons, "&" and other punctuation.
    label, colon, number = entry.rpartition(":")
    label, number = label.strip(), " ".join(number.split())
    if not colon or not label:
        raise _refuse(_('"{entry}" needs a label, a colon and a number.').format(entry=entry))
    if len(label) > _LABEL_MAX or any(unicodedata.category(ch) == "Cc" for ch in label):
        raise _refuse(
            _('The label "{label}" must be one line of at most {max} characters.').format(
                label=label, max=_LABEL_MAX
            )
        )
    refuse_bidi_controls(label, label=_("A crisis line's label"))
    if not _NUMBER.fullmatch(number) or sum(ch.isdigit() for ch in number) < 2:
        raise _refuse(_('"{number}" is not a phone number.').format(number=number))
    return CrisisResource(label, number)


def parse_crisis_resources(text: str) -> tuple[CrisisResource, ...]:
    """Read "Label: number; Label: number" (one per line also works)."""
    entries = [entry.strip() for entry in re.split(r"[;\n]", text)]
    if not any(entries):
        raise _refuse(_("No crisis resources were given."))
    return tuple(_parse_entry(entry) for entry in entries if entry)


def format_crisis_resources(resources: Iterable[CrisisResource]) -> str:
    """Canonical text, e.g. "Emergency: 911; 988 Suicide & Crisis Lifeline: 988"."""
    return "; ".join(f"{resource.label}: {resource.number}" for resource in resources)
