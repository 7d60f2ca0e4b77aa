"""Lists and country names as the app's language writes them.

English keeps the app's own habits ("a, b and c", the calendar's country names); French
and Hebrew take CLDR's, through Babel ("a, b et c", "a, b ו-c"; "Royaume-Uni").
"""

from __future__ import annotations

from collections.abc import Sequence

from boundary_desk.domain.vocabulary.calendar_names import BABEL_LOCALES, LANGUAGE, shown_language


def spoken_list(items: Sequence[str], language: str | None = None) -> str:
    """ "a", "a and b", "a, b and c"; "a, b et c" in French."""
    shown = shown_language(language)
    if shown != LANGUAGE and items:
        from babel.lists import format_list

        return str(format_list(list(items), locale=BABEL_LOCALES[shown]))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def country_name(code: str, english: str, language: str | None = None) -> str:
    """The country `code` ("GB") names in the app's language; `english` is its name in
    English, kept when the language has none of its own."""
    shown = shown_language(language)
    if shown == LANGUAGE:
        return english
    from babel import Locale

    return str(Locale.parse(BABEL_LOCALES[shown]).territories.get(code.upper(), english))
