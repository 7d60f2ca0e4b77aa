"""Practice settings, each declared once with its label, help, default and text form."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from boundary_desk.domain.channel_adjustments import (
    ChannelAdjustments,
    adjusted_profiles,
    format_channel_adjustments,
    parse_channel_adjustments,
)
from boundary_desk.domain.channel_profiles import ChannelProfile
from boundary_desk.domain.crisis import (
    CrisisResource,
    default_crisis_resources,
    format_crisis_resources,
    parse_crisis_resources,
)
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.hours import (
    DAY_ABBREVIATIONS,
    WorkingHours,
    format_hours,
    parse_hours,
    parse_weekday,
)
from boundary_desk.domain.misunderstanding import (
    LongThread,
    format_long_thread,
    parse_long_thread,
)
from boundary_desk.domain.region import (
    Region,
    format_region,
    parse_region,
    stored_region,
    working_week_start,
)
from boundary_desk.domain.review_time import ReviewTime, format_review_time, parse_review_time
from boundary_desk.domain.text_rules import refuse_bidi_controls
from boundary_desk.domain.vacation import VacationDays, format_vacation, parse_vacation
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _

T = TypeVar("T")


@dataclass(frozen=True)
class SettingSpec(Generic[T]):
    """One setting: how it is shown, its default text, and how its text is read and written."""

    key: str
    label: str
    help: str
    default: str
    parse: Callable[[str], T]
    format: Callable[[T], str]
    bounds: tuple[int, int] | None = None  # a whole number from … to …, for a spin box
    unit: str = ""  # what the whole number counts, e.g. "minutes"
    # How the stored text is read back, where that differs from checking typed text.
    read: Callable[[str], T] | None = None

    def canonical(self, text: str) -> str:
        """The text to store for `text`, or InvalidInput saying what is accepted."""
        return self.format(self.parse(text))


def _is_line_break_or_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _one_line(label: str, refusal: str, max_chars: int) -> Callable[[str], str]:
    """A reader of one line of at most `max_chars`; `label` names the field and `refusal`
    (a whole sentence, with {max}) refuses anything longer, both marked for translation."""

    def parse(text: str) -> str:
        # NFC so a name typed with combining accents matches the same name typed whole.
        value = unicodedata.normalize("NFC", text.strip())
        if len(value) > max_chars or any(_is_line_break_or_control(ch) for ch in value):
            raise InvalidInput(_(refusal).format(max=max_chars))
        refuse_bidi_controls(value, label=_(label))
        return value

    return parse


def _parse_address(text: str) -> str:
    lines = [unicodedata.normalize("NFC", line.strip()) for line in text.splitlines()]
    value = "\n".join(line for line in lines if line)
    if len(value) > 300 or any(_is_line_break_or_control(ch) for ch in value.replace("\n", "")):
        raise InvalidInput(
            _(
                "The practice address must be at most {max} characters, over one or more "
                "lines (or left empty)."
            ).format(max=300)
        )
    refuse_bidi_controls(value, label=_("The practice address"))
    return value


_PHONE = re.compile(r"\+?[0-9 ().\-]{3,30}(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?", re.IGNORECASE)


def _parse_phone(text: str) -> str:
    value = " ".join(text.split())
    if value and (not _PHONE.fullmatch(value) or sum(ch.isdigit() for ch in value) < 3):
        raise InvalidInput(
            _(
                "The phone number must be digits with optional +, spaces, dashes, dots or "
                'brackets, e.g. "+1 416-555-0100" or "416 555 0100 ext 204" (or left empty).'
            )
        )
    return value


# Deliberately loose: the address is printed, not mailed, so only catch obvious typos.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def _parse_email(text: str) -> str:
    value = text.strip()
    if value and (len(value) > 254 or not _EMAIL.fullmatch(value)):
        raise InvalidInput(
            _('The email address must look like "name@example.org" (or be left empty).')
        )
    refuse_bidi_controls(value, label=_("The practice email"))
    return value


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def _parse_timezone(text: str) -> ZoneInfo:
    name = _zones_by_folded_name().get(text.strip().casefold())
    if name is None:
        raise InvalidInput(
            _('The time zone must be a name such as "America/Toronto", "Europe/London" or "UTC".')
        )
    return ZoneInfo(name)


# Files in the zone database that `available_timezones` leaves out, so typed text can't
# name them: neither can stored text.
_NOT_LISTED = re.compile(r"(posixrules|localtime)$|(posix|right)/")


def _stored_timezone(text: str) -> ZoneInfo:
    """The zone named by stored text, as `_format_timezone` wrote it (its exact key).

    Checked against the list of zones when it was saved; read back by its key alone,
    since listing the zones (for a name typed in any case) walks the whole time zone
    database, ~15 ms, as the vault opens. Any other text is read as typed text is."""
    if text and text == text.strip() and not _NOT_LISTED.match(text):
        try:
            zone = ZoneInfo(text)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
        else:
            if zone.key == text:
                return zone
    return _parse_timezone(text)


def _format_timezone(zone: ZoneInfo) -> str:
    return zone.key


def _whole_number(refusal: str, low: int, high: int) -> Callable[[str], int]:
    """A reader of a whole number from `low` to `high`, refusing anything else with
    `refusal` (marked for translation; {low} and {high} name the range)."""

    def parse(text: str) -> int:
        value = text.strip()
        # ASCII digits only, and few of them, so int() never sees other scripts or huge input.
        if re.fullmatch(r"[0-9]{1,4}", value) is None or not low <= int(value) <= high:
            raise InvalidInput(_(refusal).format(low=low, high=high))
        return int(value)

    return parse


AUTOLOCK_MINUTES = (1, 240)
_parse_autolock = _whole_number(
    N_("Auto-lock must be a whole number of minutes from {low} to {high}."), *AUTOLOCK_MINUTES
)


def _parse_custom_crisis(text: str) -> tuple[CrisisResource, ...]:
    # Empty means "use the defaults for the region", resolved in PracticeSettings.
    return parse_crisis_resources(text) if text.strip() else ()


def _same(text: str) -> str:
    return text


CLINICIAN = SettingSpec(
    key="clinician",
    label=N_("Your name"),
    help=N_('As printed on agreements, e.g. "Dr. Alex Rivera".'),
    default="",
    parse=_one_line(
        N_("Your name"),
        N_("Your name must be one line of at most {max} characters (or left empty)."),
        120,
    ),
    format=_same,
)
CREDENTIALS = SettingSpec(
    key="credentials",
    label=N_("Credentials"),
    help=N_('Letters after your name, e.g. "MSW, RSW".'),
    default="",
    parse=_one_line(
        N_("Credentials"),
        N_("Credentials must be one line of at most {max} characters (or left empty)."),
        120,
    ),
    format=_same,
)
PRACTICE = SettingSpec(
    key="practice",
    label=N_("Practice name"),
    help=N_("Printed at the top of agreements and reports."),
    default="",
    parse=_one_line(
        N_("The practice name"),
        N_("The practice name must be one line of at most {max} characters (or left empty)."),
        120,
    ),
    format=_same,
)
ADDRESS = SettingSpec(
    key="address",
    label=N_("Practice address"),
    help=N_("One or more lines, printed on the letterhead."),
    default="",
    parse=_parse_address,
    format=_same,
)
PHONE = SettingSpec(
    key="phone",
    label=N_("Practice phone"),
    help=N_("The number clients may call during working hours."),
    default="",
    parse=_parse_phone,
    format=_same,
)
EMAIL = SettingSpec(
    key="email",
    label=N_("Practice email"),
    help=N_("The address clients may write to."),
    default="",
    parse=_parse_email,
    format=_same,
)
TIMEZONE = SettingSpec(
    key="timezone",
    label=N_("Time zone"),
    help=N_("Your working hours and the weekly review follow this zone."),
    default="UTC",
    parse=_parse_timezone,
    format=_format_timezone,
    read=_stored_timezone,  # checked against the zones when saved, not when read
)
HOURS = SettingSpec(
    key="hours",
    label=N_("Working hours"),
    help=N_(
        'For example "mon-thu 09:00-17:00; fri 09:00-13:00"; leave out the days you are closed.'
    ),
    default="mon-fri 09:00-17:00",
    parse=parse_hours,
    format=format_hours,
)
REGION = SettingSpec(
    key="region",
    label=N_("Region"),
    help=N_('For public holidays and crisis numbers, e.g. "US-NY" or "CA-ON".'),
    default="US",
    parse=parse_region,
    format=format_region,
    read=stored_region,  # checked against the holiday calendar when saved, not when read
)
REVIEW = SettingSpec(
    key="review",
    label=N_("Weekly review"),
    help=N_('When your weekly self-review is due, e.g. "fri 16:00".'),
    default="fri 16:00",
    parse=parse_review_time,
    format=format_review_time,
)
AUTOLOCK = SettingSpec(
    key="autolock",
    label=N_("Auto-lock"),
    help=N_("Lock the vault after this many idle minutes."),
    default="10",
    parse=_parse_autolock,
    format=str,
    bounds=AUTOLOCK_MINUTES,
    unit=N_("minutes"),
)
CRISIS = SettingSpec(
    key="crisis",
    label=N_("Crisis resources"),
    help=N_(
        'For example "Emergency: 911; Crisis line: 988"; leave empty for your region\'s defaults.'
    ),
    default="",
    parse=_parse_custom_crisis,
    format=format_crisis_resources,
)
CHANNELS = SettingSpec(
    key="channels",
    label=N_("Channel profiles"),
    help=N_(
        'How your own tools differ from the usual profile of a channel, e.g. "email: '
        'encrypted" for an encrypted email service; leave empty for the defaults.'
    ),
    default="",
    parse=parse_channel_adjustments,
    format=format_channel_adjustments,
)
LONG_THREAD = SettingSpec(
    key="long_thread",
    label=N_("Long thread"),
    help=N_(
        "Messages with one client on one channel, each within these hours of the one "
        "before, make a thread; this many or more are listed in the weekly review as at risk "
        "of misunderstanding."
    ),
    default=format_long_thread(LongThread()),
    parse=parse_long_thread,
    format=format_long_thread,
)

VACATION = SettingSpec(
    key="vacation",
    label=N_("Vacation days"),
    help=N_(
        'Days you are away, e.g. "2026-12-24..2027-01-02; 2027-07-01"; contact on them '
        "counts as after hours."
    ),
    default="",
    parse=parse_vacation,
    format=format_vacation,
)


RETENTION_YEARS = (1, 100)
_parse_retention = _whole_number(
    N_("Retention must be a whole number of years from {low} to {high}."), *RETENTION_YEARS
)


RETENTION = SettingSpec(
    key="retention",
    label=N_("Keep records"),
    help=N_(
        "How many years after therapy ends a client's records are kept before they may be "
        "purged. Check your jurisdiction's rules."
    ),
    default="7",
    parse=_parse_retention,
    format=str,
    bounds=RETENTION_YEARS,
    unit=N_("years"),
)

MAX_FOLDER_CHARS = 1000


def _parse_folder(text: str) -> str:
    value = text.strip()
    if not value:
        return ""  # the folder inside the data folder
    if len(value) > MAX_FOLDER_CHARS or any(_is_line_break_or_control(ch) for ch in value):
        raise InvalidInput(
            _("The backup folder must be one line of at most {max} characters.").format(
                max=MAX_FOLDER_CHARS
            )
        )
    if not (value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", value)):
        raise InvalidInput(
            _(
                'The backup folder must be a full path, such as "/media/usb/Boundary Desk '
                'backups", or left empty for the folder beside the vault.'
            )
        )
    return value


BACKUP_FOLDER = SettingSpec(
    key="backups",
    label=N_("Backup folder"),
    help=N_(
        "Where backups go, e.g. an external drive; leave empty for the folder beside the "
        "vault. A backup on another disk survives this one failing."
    ),
    default="",
    parse=_parse_folder,
    format=str,
)

MAX_REPLACED_KEPT = 50


_parse_replaced_kept = _whole_number(
    N_("Replaced vaults kept must be a whole number from {low} to {high}."),
    1,
    MAX_REPLACED_KEPT,
)


REPLACED_KEPT = SettingSpec(
    key="replaced",
    label=N_("Replaced vaults kept"),
    help=N_(
        "Each restore keeps the vault it replaced, still encrypted, in the backup folder "
        "beside the vault. This many of the newest are kept; older ones are deleted."
    ),
    default="3",
    parse=_parse_replaced_kept,
    format=str,
    bounds=(1, MAX_REPLACED_KEPT),
    unit=N_("vaults"),
)

MAX_OWN_HANDLES = 20


def _parse_own_handles(text: str) -> tuple[str, ...]:
    found = [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
    for value in found:
        if "@" in value:
            _parse_email(value)
        else:
            _parse_phone(value)
    if len(found) > MAX_OWN_HANDLES:
        raise InvalidInput(
            _("List at most {max} of your own addresses and numbers.").format(max=MAX_OWN_HANDLES)
        )
    return tuple(dict.fromkeys(found))


def _format_own_handles(handles: tuple[str, ...]) -> str:
    return "; ".join(handles)


OWN_HANDLES = SettingSpec(
    key="own_handles",
    label=N_("Your other addresses"),
    help=N_(
        "Other e-mail addresses and phone numbers of yours, separated by semicolons, so an "
        "import can tell the messages you sent; they are never matched to a client."
    ),
    default="",
    parse=_parse_own_handles,
    format=_format_own_handles,
)


def _parse_language(text: str) -> str:
    value = text.strip().casefold()
    if value in ("", "system"):
        return ""  # the system's language, worked out where the app or CLI starts
    if value not in LANGUAGES:
        choices = ", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
        raise InvalidInput(
            _("The language must be one of {choices}, or system for the system's language.").format(
                choices=choices
            )
        )
    return value


LANGUAGE = SettingSpec(
    key="language",
    label=N_("Language"),
    help=N_(
        "The language of the app's screens, from the next time you unlock; empty (or "
        '"system") follows the system\'s language.'
    ),
    default="",
    parse=_parse_language,
    format=_same,
)

# The days a week may start on: Monday (ISO, the UK, most of Europe), Sunday (Israel,
# Canada, the US) and Saturday (CLDR's week in much of the Middle East).
WEEK_STARTS = (0, 5, 6)
REGION_WEEK = "region"


def _parse_week_start(text: str) -> int | None:
    """None to follow the region, else the weekday (0 = Monday) each week starts on."""
    value = text.strip().casefold()
    if value in ("", REGION_WEEK, "auto"):
        return None
    day = parse_weekday(value)
    if day not in WEEK_STARTS:
        raise InvalidInput(
            _(
                'The week must start on "sun", "mon" or "sat", or say "region" to follow '
                "your region (Sunday in Israel; Monday in Canada, the US and the UK)."
            )
        )
    return day


def _format_week_start(day: int | None) -> str:
    return REGION_WEEK if day is None else DAY_ABBREVIATIONS[day]


WEEK_START = SettingSpec(
    key="week_start",
    label=N_("Week starts on"),
    help=N_(
        '"region" to follow your region (Sunday in Israel; Monday in Canada, the US and '
        'the UK), or "sun", "mon" or "sat"; the weekly review covers that week.'
    ),
    default=REGION_WEEK,
    parse=_parse_week_start,
    format=_format_week_start,
)

SETTINGS: tuple[SettingSpec[Any], ...] = (
    CLINICIAN,
    CREDENTIALS,
    PRACTICE,
    ADDRESS,
    PHONE,
    EMAIL,
    OWN_HANDLES,
    TIMEZONE,
    HOURS,
    REGION,
    WEEK_START,
    VACATION,
    REVIEW,
    AUTOLOCK,
    RETENTION,
    BACKUP_FOLDER,
    REPLACED_KEPT,
    CRISIS,
    CHANNELS,
    LONG_THREAD,
    LANGUAGE,
)
SETTINGS_BY_KEY: Mapping[str, SettingSpec[Any]] = {spec.key: spec for spec in SETTINGS}

# Who the clinician is and how clients reach the practice: printed on every letterhead,
# asked in setup and shown in Settings under these same keys, so the two always agree.
LETTERHEAD_KEYS = ("clinician", "credentials", "practice", "address", "phone", "email")


def validate_setting(key: str, text: str) -> str:
    """Return the canonical text to store for a setting, or raise InvalidInput."""
    spec = SETTINGS_BY_KEY.get(key)
    if spec is None:
        raise InvalidInput(
            f'There is no setting "{key}"; the settings are {", ".join(SETTINGS_BY_KEY)}.'
        )
    return spec.canonical(text)


def _read(spec: SettingSpec[T], values: Mapping[str, str]) -> T:
    read = spec.parse if spec.read is None else spec.read
    return read(values.get(spec.key, spec.default))


@dataclass(frozen=True)
class PracticeSettings:
    """The practice's settings as typed values; crisis is already resolved for the region."""

    clinician: str
    credentials: str
    practice: str
    address: str
    phone: str
    email: str
    timezone: ZoneInfo
    hours: WorkingHours
    region: Region
    review: ReviewTime
    autolock_minutes: int
    crisis: tuple[CrisisResource, ...]
    vacation: VacationDays = field(default_factory=VacationDays)
    retention_years: int = 7
    backup_folder: str = ""
    replaced_kept: int = 3
    own_handles: tuple[str, ...] = ()  # the clinician's other e-mail addresses and numbers
    channels: ChannelAdjustments = ()  # how the clinician's tools differ from the defaults
    long_thread: LongThread = field(default_factory=LongThread)
    language: str = ""  # the app's screens: en, fr or he; empty follows the system
    week_start_day: int | None = None  # 0 = Monday; None follows the region

    @property
    def week_start(self) -> int:
        """The weekday (0 = Monday, 6 = Sunday) each week starts on."""
        if self.week_start_day is not None:
            return self.week_start_day
        return working_week_start(self.region)

    @property
    def channel_profiles(self) -> Mapping[ContactChannel, ChannelProfile]:
        """Every channel's profile, with the clinician's adjustments."""
        return adjusted_profiles(self.channels)

    @classmethod
    def from_values(cls, values: Mapping[str, str]) -> PracticeSettings:
        """Build from stored text by key; missing keys take defaults, unknown keys are ignored."""
        # Unknown keys are ignored so a vault written by a newer version still opens.
        region = _read(REGION, values)
        return cls(
            clinician=_read(CLINICIAN, values),
            credentials=_read(CREDENTIALS, values),
            practice=_read(PRACTICE, values),
            address=_read(ADDRESS, values),
            phone=_read(PHONE, values),
            email=_read(EMAIL, values),
            timezone=_read(TIMEZONE, values),
            hours=_read(HOURS, values),
            region=region,
            review=_read(REVIEW, values),
            autolock_minutes=_read(AUTOLOCK, values),
            crisis=_read(CRISIS, values)
            or default_crisis_resources(
                region.country, region.subdivision, _read(LANGUAGE, values)
            ),
            vacation=_read(VACATION, values),
            retention_years=_read(RETENTION, values),
            backup_folder=_read(BACKUP_FOLDER, values),
            replaced_kept=_read(REPLACED_KEPT, values),
            own_handles=_read(OWN_HANDLES, values),
            channels=_read(CHANNELS, values),
            long_thread=_read(LONG_THREAD, values),
            language=_read(LANGUAGE, values),
            week_start_day=_read(WEEK_START, values),
        )


def is_profile_complete(settings: PracticeSettings) -> list[str]:
    """Labels of the letterhead fields still empty; an empty list means complete."""
    missing = [(CLINICIAN, settings.clinician), (PRACTICE, settings.practice)]
    return [spec.label for spec, value in missing if not value]
