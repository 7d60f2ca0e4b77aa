"""Reading "when it happened" as a clinician types it.

Accepted: "now"; "20 min ago", "2 h ago"; a time of day, "22:40" (or "10:40 pm"), on its
own (today, or last night when that time hasn't come yet) or with a day before or after
it: "yesterday 22:40", "22:40 yesterday", "fri 22:40", "friday 22:40", "last fri 22:40",
"27 nov 22:40", "nov 27 22:40", "27/11 22:40", "27/11/2026 22:40"; and ISO 8601
("2026-11-27 22:40", with or without a zone).

- A bare weekday is the most recent such day not in the future: "fri 22:40" typed on a
  Friday at 23:00 is tonight, typed at 21:00 it is a week ago. "last fri" is the Friday
  before today, never today.
- A date without a year is the most recent such date not in the future.
- "27/11" is read in the practice's region's order. Only the United States writes the
  month first; Canada, the UK, Israel and everywhere else write the day first (Canada
  uses both, and its official and clinical forms are day first). "13/11" in the US is
  refused rather than swapped, so a date is never silently read the other way round.

The words ("yesterday", "last", day and month names) come from a per-language table in
domain/vocabulary, so French and Hebrew are one more table, not another grammar: "hier
22:40", "ven. 22 h 40", "vendredi dernier 22h40", "il y a 20 min", "אתמול 22:40", "יום
שישי 22:40", "שישי שעבר 22:40", "27 בנובמבר 22:40", "לפני 20 דקות". Text is read in the
app's language first and then in English, so English always works; where a word means
different things in two languages ("mar" is mardi in French, March in English), the
app's language decides.

Times without a zone are the practice's local time. A local time that does not exist
(inside a spring-forward gap) is refused rather than guessed; one that happens twice
(the autumn change) is the first of the two. Whether the result lies in the future is
the event rules' to refuse (CLOCK_SLACK), not this reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from boundary_desk.domain.dates import year_problem
from boundary_desk.domain.event_rules import CLOCK_SLACK
from boundary_desk.domain.region import Region
from boundary_desk.domain.vocabulary.calendar_names import LANGUAGE, day_name, month_name
from boundary_desk.domain.vocabulary.when_words import WHEN_WORDS, WhenWords, when_words
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import ENGLISH, N_, _

ACCEPTED_WHEN = N_(
    'Say when as "now", "20 min ago", a time like "22:40", or a day and time like '
    '"yesterday 22:40", "fri 22:40", "last fri 22:40", "27 nov 22:40" or "2026-11-27 22:40".'
)

# Countries that write a numeric date month first. Everywhere else is day first.
MONTH_FIRST_COUNTRIES = frozenset({"US"})

_ISO = re.compile(r"^\d{4}-\d")
_AGO = re.compile(r"^(\d{1,4})\s*([a-z]+)\s+([a-z]+)$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?([a-z.]*)$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?$")
_NUMBER = re.compile(r"^(\d{1,2})([a-z]*)$")
_YEAR = re.compile(r"^\d{4}$")
_AMOUNT = re.compile(r"^(\d{1,4})\s*(\S+)$")
# French writes "22 h 40", "22h40" or "22 h"; a letter or digit after the "h" is a word.
_HOUR_LETTER = re.compile(r"(?<![\w:])(\d{1,2})\s*h\s*(\d{2})?(?![\w:])")
# Hebrew joins "at" to the time: "ב-22:40", "ב־22:40", "ב22:40".
_HEBREW_AT = re.compile(r"(?<!\w)ב[-־]?(?=\d)")


def month_first(region: Region | None) -> bool:
    """Whether "5/11" means 11 May in `region` (the US) rather than 5 November."""
    return region is not None and region.country in MONTH_FIRST_COUNTRIES


def numeric_example(region: Region | None) -> str:
    """ "11/27 22:40" where the month comes first, else "27/11 22:40"."""
    return _numeric_example(month_first(region))


def parse_when(
    text: str,
    now: datetime,
    zone: ZoneInfo,
    region: Region | None = None,
    language: str = LANGUAGE,
) -> datetime:
    """An aware datetime for `text` in `language` or, failing that, in English; or
    InvalidInput saying what is wrong (the app's language's reason first)."""
    refusals: list[InvalidInput] = []
    # A language without a table of words (a test's pseudo-language) is read as English.
    for reading in dict.fromkeys(code for code in (language, ENGLISH) if code in WHEN_WORDS):
        try:
            return _parse_in(reading, text, now, zone, region)
        except InvalidInput as refusal:
            refusals.append(refusal)
    generic = {_(ACCEPTED_WHEN), ACCEPTED_WHEN}
    specific = [refusal for refusal in refusals if str(refusal) not in generic]
    raise (specific or refusals)[0]


def _parse_in(
    language: str, text: str, now: datetime, zone: ZoneInfo, region: Region | None
) -> datetime:
    words = when_words(language)
    value = " ".join(text.strip().casefold().replace(",", " ").split())
    if value == "" or value in words.now:
        return now
    if _ISO.match(value):
        return _iso(text.strip(), zone)
    if (ago := _AGO.match(value)) and ago.group(3) in words.ago:
        return _ago(now, words, ago.group(1), ago.group(2))
    for before in words.ago_before:
        amount = _AMOUNT.match(value.removeprefix(before).strip())
        if value.startswith(f"{before} ") and amount:
            return _ago(now, words, amount.group(1), amount.group(2))
    if words.hour_letter:
        value = _HOUR_LETTER.sub(lambda m: f"{m.group(1)}:{m.group(2) or '00'}", value)
    if words.month_prefix:
        value = _HEBREW_AT.sub("", value)
    return _Reader(words, language, now, zone, month_first(region)).read(value)


def _ago(now: datetime, words: WhenWords, amount: str, unit_word: str) -> datetime:
    unit = words.units.get(unit_word)
    if unit is None:
        raise InvalidInput(_(ACCEPTED_WHEN))
    return now - timedelta(**{unit: int(amount)})


@dataclass(frozen=True)
class _Reader:
    words: WhenWords
    language: str
    now: datetime
    zone: ZoneInfo
    month_first: bool

    def read(self, value: str) -> datetime:
        clock, rest = self._clock(value.split())
        rest = [token for token in rest if token not in self.words.filler]
        phrase = " ".join(rest)
        today = self.now.astimezone(self.zone).date()
        if clock is None:
            if phrase and self._looks_like_a_day(rest):
                raise InvalidInput(
                    _('Add the time of day, like "{phrase} 22:40".').format(phrase=phrase)
                )
            raise InvalidInput(_(ACCEPTED_WHEN))
        if not phrase:
            moment = self._at(today, clock)
            # "22:40" typed just after midnight means last night.
            return moment - timedelta(days=1) if self._future(moment) else moment
        if phrase in self.words.today:
            return self._at(today, clock)
        if phrase in self.words.yesterday:
            return self._at(today - timedelta(days=1), clock)
        weekdays = self.words.weekdays(self.language)
        if len(rest) == 2 and rest[0] in weekdays and rest[1] in self.words.last:
            return self._weekday(today, weekdays[rest[0]], clock, last=True)  # "ven. dernier"
        if len(rest) <= 2 and rest[-1] in weekdays:
            last = len(rest) == 2
            if last and rest[0] not in self.words.last:
                raise InvalidInput(_(ACCEPTED_WHEN))
            return self._weekday(today, weekdays[rest[-1]], clock, last=last)
        if rest[0] in weekdays and len(rest) > 1:  # "fri 27 nov": the day must agree
            weekday, rest = weekdays[rest[0]], rest[1:]
            moment = self._dated(today, rest, clock)
            if moment.weekday() != weekday:
                raise InvalidInput(
                    _("{date} is a {day}, not a {typed}. Check the date.").format(
                        date=_day_text(moment.date(), self.language),
                        day=day_name(moment.weekday(), self.language),
                        typed=day_name(weekday, self.language),
                    )
                )
            return moment
        return self._dated(today, rest, clock)

    def _clock(self, tokens: list[str]) -> tuple[time | None, list[str]]:
        """The one time of day among `tokens` ("22:40", "10:40 pm", "10pm"), and the rest."""
        found: list[tuple[int, int, time]] = []  # (first token, token count, time)
        for index, token in enumerate(tokens):
            match = _CLOCK.match(token)
            if match is None:
                continue
            suffix = match.group(3)
            count = 1
            if not suffix and index + 1 < len(tokens) and self._half(tokens[index + 1]):
                suffix, count = tokens[index + 1], 2
            if match.group(2) is None and not suffix:
                continue  # a bare number is a day of the month, not a time
            if suffix and not self._half(suffix):
                continue
            found.append((index, count, self._time(token, match, suffix)))
        if not found:
            return None, tokens
        if len(found) > 1:
            raise InvalidInput("Give one time of day, like “fri 22:40”.")
        index, count, clock = found[0]
        return clock, tokens[:index] + tokens[index + count :]

    def _half(self, word: str) -> bool:
        return word in self.words.morning or word in self.words.evening

    def _time(self, token: str, match: re.Match[str], suffix: str) -> time:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if suffix:
            if not 1 <= hour <= 12 or minute > 59:
                raise InvalidInput(
                    f"“{token}” is not a time of day: with am or pm the hour is 1 to 12."
                )
            hour = hour % 12 + (12 if suffix in self.words.evening else 0)
        if hour > 23 or minute > 59:
            raise InvalidInput(
                _(
                    "“{token}” is not a time of day: hours go from 0 to 23 and minutes "
                    "from 0 to 59, as in 22:40."
                ).format(token=token)
            )
        return time(hour, minute)

    def _looks_like_a_day(self, rest: list[str]) -> bool:
        names = self.words.weekdays(self.language) | self.words.months(self.language)
        phrase = " ".join(rest)
        return (
            phrase in self.words.today
            or phrase in self.words.yesterday
            or any(token in names for token in rest)
            or _NUMERIC_DATE.match(rest[0]) is not None
        )

    def _weekday(self, today: date, weekday: int, clock: time, *, last: bool) -> datetime:
        back = (today.weekday() - weekday) % 7
        if back == 0 and last:
            back = 7
        moment = self._at(today - timedelta(days=back), clock)
        if self._future(moment):  # today's weekday at a time still to come: a week ago
            moment = self._at(today - timedelta(days=back + 7), clock)
        return moment

    def _dated(self, today: date, rest: list[str], clock: time) -> datetime:
        day, month, year = self._date_parts(rest)
        if year is not None:
            return self._at(self._date(year, month, day), clock)
        moment = self._at(self._date(today.year, month, day, any_year=True), clock)
        if self._future(moment):  # no year: the most recent such date
            moment = self._at(self._date(today.year - 1, month, day, any_year=True), clock)
        return moment

    def _date_parts(self, rest: list[str]) -> tuple[int, int, int | None]:
        """(day, month, year or None) from "27 nov", "nov 27", "27/11", each with a year."""
        if len(rest) == 1 and (numeric := _NUMERIC_DATE.match(rest[0])):
            first, second = int(numeric.group(1)), int(numeric.group(2))
            day, month = (second, first) if self.month_first else (first, second)
            if not 1 <= month <= 12:
                order = "month/day" if self.month_first else "day/month"
                raise InvalidInput(
                    f"“{rest[0]}” has no month {month}: dates here are written "
                    f"{order}, as in {_numeric_example(self.month_first)}."
                )
            year_text = numeric.group(3)
            year = None
            if year_text:
                year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return day, month, year
        tokens = list(rest)
        year = None
        if len(tokens) == 3 and _YEAR.match(tokens[-1]):
            year = int(tokens.pop())
        months = self.words.months(self.language)
        if len(tokens) == 2:
            for day_token, month_token in ((tokens[0], tokens[1]), (tokens[1], tokens[0])):
                number = _NUMBER.match(day_token)
                if month_token in months and number and self._ordinal(number.group(2)):
                    return int(number.group(1)), months[month_token], year
        raise InvalidInput(_(ACCEPTED_WHEN))

    def _ordinal(self, suffix: str) -> bool:
        return suffix == "" or suffix in self.words.ordinal_suffixes

    def _date(self, year: int, month: int, day: int, *, any_year: bool = False) -> date:
        if problem := year_problem(year):
            raise InvalidInput(f"For when it happened, {problem}.")
        try:
            return date(year, month, day)
        except ValueError:
            month_text = month_name(month, self.language)
            if any_year and not (month == 2 and day == 29):
                raise InvalidInput(
                    _("There is no {day} {month}. Check the date.").format(
                        day=day, month=month_text
                    )
                ) from None
            raise InvalidInput(
                _("There is no {day} {month} {year}. Check the date.").format(
                    day=day, month=month_text, year=year
                )
            ) from None

    def _at(self, day: date, clock: time) -> datetime:
        return local_moment(datetime.combine(day, clock), self.zone)

    def _future(self, moment: datetime) -> bool:
        return moment > self.now + CLOCK_SLACK


def _numeric_example(first_month: bool) -> str:
    return "11/27 22:40" if first_month else "27/11 22:40"


def _day_text(day: date, language: str) -> str:
    return f"{day.day} {month_name(day.month, language)} {day.year}"


def _iso(text: str, zone: ZoneInfo) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(_(ACCEPTED_WHEN)) from None
    if problem := year_problem(parsed.year):
        raise InvalidInput(f"For when it happened, {problem}.")
    if parsed.tzinfo is not None:
        return parsed
    return local_moment(parsed, zone)


def local_moment(wall: datetime, zone: ZoneInfo) -> datetime:
    """The practice-local wall-clock time `wall` as an aware datetime."""
    moment = wall.replace(tzinfo=zone, fold=0)
    round_trip = moment.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if round_trip.replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise InvalidInput(
            f"{wall:%Y-%m-%d %H:%M} doesn't exist in {zone.key}: the clocks changed that "
            "night. Give the time as shown after the change."
        )
    return moment
