"""What a change of time zone, hours, region or vacation days does to the entries logged,
what a new region's country does to the phone numbers kept, and what new channel profiles
do to the lean-channel warnings already logged.

Whether an entry came after hours is worked out from the settings whenever it is
shown, so changing one of these settings changes the verdict on entries already
logged. A phone number typed without a country code was read in the practice's
country; in another country it is read again. The lean-channel warning (reply_poor_fit)
is stored with its entry when it is logged, judged by the channel profiles then; when the
clinician adjusts the profiles, the open ones are judged again: an entry gains the
warning or loses it, except where the clinician already acknowledged it (that is the
record, and stays). The clinician is told how many, in words, before the change is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.boundary_warnings import (
    SEVERITIES,
    BoundaryWarning,
    StoredWarning,
    reply_poor_fit,
)
from boundary_desk.domain.channel_profiles import ChannelProfile
from boundary_desk.domain.events import ContactChannel, ContactEvent
from boundary_desk.domain.phones import NumbersReread
from boundary_desk.domain.places import country_names
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.vocabulary.phrasing import country_name, spoken_list
from boundary_desk.system.i18n import N_, _, ngettext

# The settings after-hours verdicts depend on, and how a sentence names each new value.
JUDGING: Mapping[str, str] = {
    "timezone": N_("time zone"),
    "hours": N_("hours"),
    "region": N_("region's holidays"),
    "vacation": N_("vacation days"),
}


# The setting the channel profiles come from, and the stored warning that depends on them.
PROFILES_KEY = "channels"
PROFILE_CODE = "reply_poor_fit"


@dataclass(frozen=True)
class FitsRejudged:
    """The entries whose open lean-channel warning changes under new channel profiles: by
    id, each with the warnings it keeps afterwards."""

    gained: Mapping[int, tuple[BoundaryWarning, ...]]
    lost: Mapping[int, tuple[BoundaryWarning, ...]]

    @property
    def count(self) -> int:
        return len(self.gained) + len(self.lost)

    def warnings(self) -> dict[int, tuple[BoundaryWarning, ...]]:
        """Every changed entry's warnings as they are to be stored."""
        return {**self.gained, **self.lost}

    def sentence(self) -> str:
        """E.g. "Under the new channel profiles, 2 entries gain the lean-channel warning and
        1 loses it.", in the app's language."""
        parts = []
        if self.gained:
            gained = len(self.gained)
            parts.append(
                ngettext(
                    "{count} entry gains the lean-channel warning",
                    "{count} entries gain the lean-channel warning",
                    gained,
                ).format(count=gained)
            )
        if self.lost:
            lost = len(self.lost)
            if self.gained:
                words = ngettext("{count} entry loses it", "{count} entries lose it", lost)
            else:
                words = ngettext(
                    "{count} entry loses its lean-channel warning",
                    "{count} entries lose their lean-channel warning",
                    lost,
                )
            parts.append(words.format(count=lost))
        if not parts:
            return _("No lean-channel warning changes under the new channel profiles.")
        return _("Under the new channel profiles, {changes}.").format(changes=spoken_list(parts))


def rejudge_fits(
    entries: Iterable[tuple[ContactEvent, Sequence[StoredWarning]]],
    after: Mapping[ContactChannel, ChannelProfile],
) -> FitsRejudged:
    """Judge the lean-channel warning of each (entry, its stored warnings) again by the
    profiles `after`; an acknowledged one is left as it is."""
    order = {code: place for place, code in enumerate(SEVERITIES)}
    gained: dict[int, tuple[BoundaryWarning, ...]] = {}
    lost: dict[int, tuple[BoundaryWarning, ...]] = {}
    for event, stored in entries:
        if event.id is None:
            continue
        had = next((w for w in stored if w.code == PROFILE_CODE), None)
        if had is not None and had.acknowledged_at is not None:
            continue
        found = reply_poor_fit(event, after)
        others = [BoundaryWarning(w.code, w.message, w.related) for w in stored if w is not had]
        if had is None and found is not None:
            kept = sorted([*others, found], key=lambda w: order.get(w.code, len(order)))
            gained[event.id] = tuple(kept)
        elif had is not None and found is None:
            lost[event.id] = tuple(others)
    return FitsRejudged(gained, lost)


@dataclass(frozen=True)
class Rejudged:
    """How the after-hours verdict on the logged entries changes under new settings, and
    which phone numbers are read again when the country changes."""

    keys: tuple[str, ...]  # the judging settings that change, in JUDGING's order
    checked: int  # entries looked at
    become_after_hours: int
    no_longer_after_hours: int
    replies_changed: int  # replies whose own verdict changes
    numbers: NumbersReread | None = None  # only when the region's country changes
    fits: FitsRejudged | None = None  # only when the channel profiles change

    @property
    def numbers_read(self) -> int:
        """How many phone numbers typed without a country code are read again."""
        return self.numbers.count if self.numbers is not None else 0

    @property
    def fits_changed(self) -> int:
        """How many entries gain or lose the lean-channel warning."""
        return self.fits.count if self.fits is not None else 0

    @property
    def changed(self) -> int:
        return self.become_after_hours + self.no_longer_after_hours

    @property
    def asks_first(self) -> bool:
        """Whether any verdict, warning or stored number changes, so the clinician is asked
        before the change is kept."""
        return (
            self.changed > 0
            or self.replies_changed > 0
            or self.numbers_read > 0
            or self.fits_changed > 0
        )

    def question(self) -> str:
        """The confirmation's title: what the change will do to what is already stored."""
        if not self.numbers_read:
            return _("Re-judge logged entries?")
        if self.changed or self.fits_changed:
            return _("Re-judge logged entries and re-read phone numbers?")
        return _("Re-read phone numbers?")

    def what(self) -> str:
        """E.g. "the new time zone and hours"."""
        names = spoken_list([_(JUDGING[key]) for key in self.keys])
        return _("the new {settings}").format(settings=names)

    def sentence(self) -> str:
        """E.g. "12 entries will be re-judged against the new hours: 5 become after hours…",
        then what happens to the lean-channel warnings and the phone numbers, if anything."""
        parts = [self._verdicts()] if self.keys else []
        if self.fits is not None and (self.fits.count or not self.keys):
            parts.append(self.fits.sentence())
        if self.numbers is not None and self.numbers.count:
            country = self.numbers.country
            english = country_names().get(country, country)
            parts.append(self.numbers.sentence(country_name(country, english)))
        return " ".join(parts)

    def _verdicts(self) -> str:
        what = self.what()
        if self.checked == 0:
            return _("No entries are logged yet, so none is re-judged against {settings}.").format(
                settings=what
            )
        said = [self._changes(what)]
        if self.replies_changed:
            replies = ngettext(
                "{count} reply of yours changes too.",
                "{count} replies of yours change too.",
                self.replies_changed,
            )
            said.append(replies.format(count=self.replies_changed))
        return " ".join(said)

    def _changes(self, what: str) -> str:
        if self.changed == 0:
            if self.checked == 1:
                kept = _("The one entry logged keeps its after-hours verdict against {settings}.")
            else:
                kept = ngettext(
                    "All {count} entries keep their after-hours verdict against {settings}.",
                    "All {count} entries keep their after-hours verdict against {settings}.",
                    self.checked,
                )
            return kept.format(count=self.checked, settings=what)
        parts = []
        if self.become_after_hours:
            become = self.become_after_hours
            words = ngettext("{count} becomes after hours", "{count} become after hours", become)
            parts.append(words.format(count=become))
        if self.no_longer_after_hours:
            no_longer = self.no_longer_after_hours
            words = ngettext(
                "{count} is no longer after hours", "{count} are no longer after hours", no_longer
            )
            parts.append(words.format(count=no_longer))
        judged = ngettext(
            "{count} entry will be re-judged against {settings}: {changes}.",
            "{count} entries will be re-judged against {settings}: {changes}.",
            self.changed,
        )
        return judged.format(count=self.changed, settings=what, changes=spoken_list(parts))


def judging_keys(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[str, ...]:
    """The judging settings whose canonical text differs between two sets of values."""
    return tuple(key for key in JUDGING if key in after and after[key] != before.get(key))


def rejudge(
    moments: Iterable[tuple[datetime, datetime | None]],
    before: PracticeSettings,
    after: PracticeSettings,
    keys: tuple[str, ...],
) -> Rejudged:
    """Compare the verdicts on (occurred, replied) pairs under the old and new settings."""
    checked = become = no_longer = replies = 0
    for occurred, replied in moments:
        checked += 1
        was = after_hours(occurred, before) is not None
        now = after_hours(occurred, after) is not None
        if now and not was:
            become += 1
        elif was and not now:
            no_longer += 1
        if replied is not None and (after_hours(replied, before) is None) != (
            after_hours(replied, after) is None
        ):
            replies += 1
    return Rejudged(keys, checked, become, no_longer, replies)
