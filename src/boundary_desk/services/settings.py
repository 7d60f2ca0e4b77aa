"""The practice's settings, for the app and the CLI alike: read, change (saying first what a
change re-judges and which phone numbers it reads again, and re-judging the lean-channel
warnings logged when the channel profiles change), and today's date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.domain.events import EventKind
from boundary_desk.domain.phones import NumbersReread, reread_numbers
from boundary_desk.domain.places import region_code, region_zone_mismatch
from boundary_desk.domain.practice_settings import (
    REGION,
    SETTINGS,
    PracticeSettings,
    validate_setting,
)
from boundary_desk.domain.settings_change import (
    PROFILES_KEY,
    FitsRejudged,
    Rejudged,
    judging_keys,
    rejudge,
    rejudge_fits,
)
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.errors import StorageUnavailable, VaultBusy

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "Rejudged",
    "change_impact",
    "effective_values",
    "practice",
    "remember_save_folder",
    "remembered_save_folder",
    "save_setting",
    "save_settings",
    "today_in_practice",
]


def practice(services: Services) -> PracticeSettings:
    """The settings in force: the clinician's choices over the defaults."""
    return services.settings.load()


def region_hint(services: Services) -> str | None:
    """A sentence when the practice's time zone is another country's than its region."""
    settings = practice(services)
    return region_zone_mismatch(settings.region, settings.timezone.key)


def effective_values(services: Services) -> dict[str, str]:
    """Every setting's text as it is in force, the defaults filled in for those not chosen."""
    chosen = services.settings.values()
    return {spec.key: chosen.get(spec.key, spec.default) for spec in SETTINGS}


def _by_code(changes: Mapping[str, str]) -> dict[str, str]:
    """The changes with a region given by name ("Ontario, Canada") given by code."""
    named = {key: region_code(text) for key, text in changes.items() if key == "region"}
    return {**changes, **named}


def save_setting(services: Services, key: str, text: str) -> str:
    """Check and keep one setting; returns the value as kept (InvalidInput, nothing kept)."""
    return save_settings(services, {key: text})[key]


def save_settings(services: Services, changes: dict[str, str]) -> dict[str, str]:
    """Check every change, then keep them all together, or none if any is refused.

    A region in another country reads every phone number typed without a country code
    again, and new channel profiles judge the open lean-channel warnings again, in the
    same transaction, so neither ever follows the old setting.
    """
    was = practice(services).region.country
    profiles_were = effective_values(services)[PROFILES_KEY]
    with transaction(services.vault.conn):
        kept = services.settings.set_many(_by_code(changes))
        if (reread := _numbers_reread(services, was, kept)) is not None:
            services.clients.keep_numbers(reread)
        if (fits := _fits_rejudged(services, profiles_were, kept)) is not None:
            for event_id, warnings in fits.warnings().items():
                services.events.update_warnings(event_id, list(warnings))
    return kept


def _fits_rejudged(
    services: Services, were: str, canonical: Mapping[str, str]
) -> FitsRejudged | None:
    """The lean-channel warnings judged again by the channel profiles the settings in
    force and `canonical` make, or None if the profiles stay the same."""
    if PROFILES_KEY not in canonical or canonical[PROFILES_KEY] == were:
        return None
    after = PracticeSettings.from_values({**services.settings.values(), **canonical})
    contacts = services.events.list(kinds=(EventKind.CONTACT,))
    stored = services.events.warnings_by_event([e.id for e in contacts if e.id is not None])
    entries = ((e, stored.get(e.id or 0, [])) for e in contacts)
    return rejudge_fits(entries, after.channel_profiles)


def _numbers_reread(
    services: Services, was: str, canonical: Mapping[str, str]
) -> NumbersReread | None:
    """The stored numbers read in the new region's country, or None if it stays the same."""
    if REGION.key not in canonical:
        return None
    country = REGION.parse(canonical[REGION.key]).country
    if country == was:
        return None
    return reread_numbers(services.clients.stored_numbers(), country)


def today_in_practice(services: Services, now: datetime | None = None) -> date:
    """Today's date where the practice is (from `now`, else the services' clock)."""
    moment = now if now is not None else services.clock()
    return moment.astimezone(practice(services).timezone).date()


def change_impact(services: Services, changes: Mapping[str, str]) -> Rejudged | None:
    """What keeping `changes` would re-judge (after-hours verdicts, lean-channel warnings)
    and which phone numbers it would read again, or None if no judging setting changes.

    A refused value raises InvalidInput, as saving it would; nothing is kept either way.
    """
    current = effective_values(services)
    canonical = {key: validate_setting(key, text) for key, text in _by_code(changes).items()}
    keys = judging_keys(current, canonical)
    fits = _fits_rejudged(services, current[PROFILES_KEY], canonical)
    if not keys and fits is None:
        return None
    if not keys:
        return Rejudged((), 0, 0, 0, 0, fits=fits)
    before = practice(services)
    after = PracticeSettings.from_values({**services.settings.values(), **canonical})
    moments = ((e.occurred_at, e.replied_at) for e in services.events.list())
    judged = replace(rejudge(moments, before, after, keys), fits=fits)
    numbers = _numbers_reread(services, before.region.country, canonical)
    return judged if numbers is None else replace(judged, numbers=numbers)


def remembered_save_folder(services: Services, kind: str) -> Path | None:
    """The folder a file of `kind` was last saved into, kept in the vault; None while it
    is locked, or if none was kept."""
    if not services.vault.is_open:
        return None
    kept = services.save_folders.get(kind)
    return Path(kept) if kept else None


def remember_save_folder(services: Services, kind: str, folder: Path) -> bool:
    """Keep `folder` (a folder, never a file) as where the next file of `kind` is saved.

    Only in the vault, only while it is open and writable; False when not kept (locked,
    read-only, a relative path, another process writing just then or a full disk: a
    convenience lost, and the save itself says what went wrong).
    """
    if not services.vault.is_open or services.vault.read_only or not folder.is_absolute():
        return False
    try:
        services.save_folders.set(kind, str(folder))
    except (VaultBusy, StorageUnavailable):
        return False
    return True
