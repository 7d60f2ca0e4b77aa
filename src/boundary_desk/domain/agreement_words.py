"""The words an agreement prints in its own language, whatever the app's language.

The agreement goes to the client in the client's language (English, French for Quebec,
Hebrew for Israel), so its fixed words come from that language's catalog
(`catalog(language).gettext`), never from the global `_`, and its dates, days and
hours are written as that language writes them (Babel's CLDR data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import cache

from babel.dates import format_date, get_day_names

from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.hours import END_OF_DAY, WorkingHours, working_runs
from boundary_desk.domain.vocabulary.calendar_names import day_name, long_date
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS, PURPOSE_LABELS
from boundary_desk.system.i18n import ENGLISH, N_, catalog

# Each language's locale for dates: French as written in Quebec, Hebrew as in Israel.
_LOCALES = {"en": "en_CA", "fr": "fr_CA", "he": "he_IL"}

# Lower-case phrases for use inside sentences ("you have chosen to use email and text
# messages"); the labels in CHANNEL_LABELS are for headings.
CHANNEL_PHRASES: dict[Channel, str] = {
    Channel.EMAIL: N_("email"),
    Channel.TEXT: N_("text messages (SMS)"),
    Channel.PHONE: N_("phone calls"),
    Channel.VOICEMAIL: N_("voicemail"),
    Channel.VIDEO: N_("video calls"),
    Channel.PORTAL: N_("the secure client portal"),
    Channel.DM: N_("social-media direct messages"),
}


@dataclass(frozen=True)
class AgreementWords:
    language: str

    def __call__(self, message: str) -> str:
        """`message` in the agreement's language."""
        return str(catalog(self.language).gettext(message))

    def date(self, day: date) -> str:
        """ "22 November 2026", "22 novembre 2026", "22 בנובמבר 2026"."""
        if self.language == ENGLISH:
            return long_date(day, ENGLISH)  # not the app's language: the agreement's
        return str(format_date(day, format="long", locale=_LOCALES[self.language]))

    def channel(self, channel: Channel) -> str:
        return self(CHANNEL_LABELS[channel])

    def channel_phrase(self, channel: Channel) -> str:
        return self(CHANNEL_PHRASES[channel])

    def purpose(self, purpose: Purpose) -> str:
        return self(PURPOSE_LABELS[purpose])

    def join(self, items: list[str]) -> str:
        """ "a, b and c", "a, b et c", "a, b ו-c"."""
        if len(items) <= 1:
            return "".join(items)
        return self("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def hours(self, hours: WorkingHours) -> str:
        """The working week in words, e.g. "Monday to Friday 9:00–17:00"."""
        if self.language == ENGLISH:
            return hours.describe()
        parts = []
        for first, last, ranges in working_runs(hours):
            # "9 h à 17 h" in French, "9:00–17:00" in Hebrew.
            dash = " à " if self.language == "fr" else "–"
            times = ", ".join(f"{self._clock(s.start)}{dash}{self._clock(s.end)}" for s in ranges)
            if first == last:
                days = self("on {day}").format(day=self._day(first))
            elif last == first + 1:
                days = self("on {first} and {last}").format(
                    first=self._day(first), last=self._day(last)
                )
            else:
                days = self("from {first} to {last}").format(
                    first=self._day(first), last=self._day(last)
                )
            parts.append(self("{days}, {times}").format(days=days, times=times))
        return "; ".join(parts)

    def _day(self, weekday: int) -> str:
        if self.language == ENGLISH:
            return day_name(weekday)
        return _day_names(self.language)[weekday]

    def _clock(self, moment: time) -> str:
        hour = 24 if moment == END_OF_DAY else moment.hour
        if self.language == "fr":  # "9 h", "17 h 30", as Quebec writes the time
            return f"{hour} h" if not moment.minute else f"{hour} h {moment.minute:02d}"
        return f"{hour}:{moment.minute:02d}"


@cache
def _day_names(language: str) -> tuple[str, ...]:
    names = get_day_names("wide", locale=_LOCALES[language])
    return tuple(str(names[weekday]) for weekday in range(7))  # Monday is 0, as in Python


def agreement_words(language: str) -> AgreementWords:
    return AgreementWords(language)
