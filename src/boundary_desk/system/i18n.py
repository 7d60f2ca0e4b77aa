"""The app's language: `_()` and `ngettext()` over gettext catalogs shipped as .po.

gettext with Babel rather than Qt's tr(): the domain, the reports and the CLI must
speak the clinician's language too, and they may not import Qt. Babel compiles each
.po in memory as it is first used, so the wheel and the frozen bundle carry the text
files alone, with no build step; each catalog's Plural-Forms header gives its plural
rule ("1 contact", "2 contacts"; Hebrew's own forms), which gettext then applies.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
from functools import cache

from boundary_desk.system.resources import resource_path

ENGLISH = "en"
LANGUAGES = ("en", "fr", "he")
RIGHT_TO_LEFT = frozenset({"he"})
# Each language by its own name, as a clinician looks for it in a list.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "he": "עברית"}

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English is the source text itself."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(f"no catalog for {language!r}")
    # Loaded here, not at start: in English (~25 ms of imports) they are never needed.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with resource_path("i18n", f"{language}.po").open("rb") as po:
        messages = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def set_language(language: str) -> None:
    """Speak `language` from now on; text already shown keeps the language it had."""
    use_translations(catalog(language), language)


def use_translations(translations: gettext.NullTranslations, language: str) -> None:
    """Speak through `translations` (tests install a pseudo-language this way)."""
    global _current, _language
    _current, _language = translations, language


def current_language() -> str:
    return _language


def language_of(tags: Iterable[str]) -> str:
    """The first of the system's preferred languages that the app speaks, else English.

    `tags` as the system lists them, most preferred first: "fr-CA", "he_IL.UTF-8",
    "iw" (Hebrew's old code, still used by some Java-era systems), "en-GB".
    """
    for tag in tags:
        primary = tag.replace("_", "-").split("-", 1)[0].split(".", 1)[0].casefold()
        primary = "he" if primary == "iw" else primary
        if primary in LANGUAGES:
            return primary
    return ENGLISH


def is_right_to_left(language: str | None = None) -> bool:
    """Whether `language` (by default the current one) is written right to left."""
    return (language or _language) in RIGHT_TO_LEFT


def left_to_right(text: str) -> str:
    """`text` (a phone number, an address, a week code) kept in its own left-to-right
    order inside right-to-left text: in a bidi isolate when the app reads right to left,
    so "+1 416 555 0142" never shows as "0142 555 416 +1"."""
    return f"\u2066{text}\u2069" if text and is_right_to_left() else text


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where `context` tells which of its meanings
    ("Contact" as a column of phone numbers, not as the kind of entry)."""
    return _current.pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` that `count` takes in the current language."""
    return _current.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalog where it is declared; `_()` translates it later."""
    return message
