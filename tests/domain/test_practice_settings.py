"""Practice settings: one declaration per setting, validation, and the typed whole."""

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.crisis import CrisisResource, default_crisis_resources
from boundary_desk.domain.hours import parse_hours
from boundary_desk.domain.practice_settings import (
    SETTINGS,
    SETTINGS_BY_KEY,
    PracticeSettings,
    SettingSpec,
    is_profile_complete,
    validate_setting,
)
from boundary_desk.domain.region import Region
from boundary_desk.domain.review_time import ReviewTime
from boundary_desk.errors import InvalidInput

KEYS = (
    "clinician",
    "credentials",
    "practice",
    "address",
    "phone",
    "email",
    "own_handles",
    "timezone",
    "hours",
    "region",
    "week_start",
    "vacation",
    "review",
    "autolock",
    "retention",
    "backups",
    "replaced",
    "crisis",
    "channels",
    "long_thread",
    "language",
)


HOURS_FORM = 'Working hours must look like "mon-thu 09:00-17:00; fri 09:00-13:00"'
CRISIS_FORM = 'Crisis resources must look like "Emergency: 911; 988 Suicide & Crisis Lifeline: 988"'


def refusal(key: str, text: str) -> str:
    with pytest.raises(InvalidInput) as refused:
        validate_setting(key, text)
    return refused.value.message


# --- declarations ------------------------------------------------------------------------


def test_every_setting_is_declared_once_in_display_order() -> None:
    assert tuple(spec.key for spec in SETTINGS) == KEYS
    assert list(SETTINGS_BY_KEY) == list(KEYS)
    assert all(SETTINGS_BY_KEY[spec.key] is spec for spec in SETTINGS)


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda spec: spec.key)
def test_every_setting_has_a_label_help_and_a_canonical_default(spec: SettingSpec[Any]) -> None:
    assert spec.label
    assert spec.help
    assert spec.help.endswith(".")
    assert validate_setting(spec.key, spec.default) == spec.default


def test_defaults() -> None:
    defaults = {spec.key: spec.default for spec in SETTINGS}
    assert defaults == {
        "clinician": "",
        "credentials": "",
        "practice": "",
        "address": "",
        "phone": "",
        "email": "",
        "own_handles": "",
        "timezone": "UTC",
        "hours": "mon-fri 09:00-17:00",
        "region": "US",
        "week_start": "region",
        "vacation": "",
        "review": "fri 16:00",
        "autolock": "10",
        "retention": "7",
        "backups": "",
        "replaced": "3",
        "crisis": "",
        "channels": "",
        "long_thread": "6 messages, each within 24 hours of the one before",
        "language": "",
    }


def test_unknown_key_lists_the_settings() -> None:
    assert refusal("colour", "blue") == (
        'There is no setting "colour"; the settings are clinician, credentials, practice, '
        "address, phone, email, own_handles, timezone, hours, region, week_start, vacation, "
        "review, "
        "autolock, "
        "retention, backups, replaced, crisis, channels, long_thread, language."
    )


# --- validate_setting: accepted and canonical ------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "stored"),
    [
        ("clinician", "  Dr. Alex Rivera  ", "Dr. Alex Rivera"),
        ("clinician", "", ""),
        ("clinician", "Zoë O’Brien-Ng", "Zoë O’Brien-Ng"),
        ("clinician", "Zoe\u0308", "Zoë"),  # combining diaeresis is composed
        ("clinician", "<b>Sam</b> & Co", "<b>Sam</b> & Co"),  # kept; the PDF layer escapes
        ("clinician", "A" * 120, "A" * 120),
        ("credentials", "MSW, RSW", "MSW, RSW"),
        ("practice", " Harbour & Hill Counselling ", "Harbour & Hill Counselling"),
        (
            "address",
            "12 King St W\nSuite 400\nToronto ON M5H 1A1",
            "12 King St W\nSuite 400\nToronto ON M5H 1A1",
        ),
        ("address", "  12 King St W  \r\n\r\n  Toronto  \n", "12 King St W\nToronto"),
        ("address", "", ""),
        ("address", "x" * 300, "x" * 300),
        ("phone", "+1 416-555-0100", "+1 416-555-0100"),
        ("phone", "(416) 555-0100", "(416) 555-0100"),
        ("phone", "416.555.0100", "416.555.0100"),
        ("phone", " 416  555 0100  ext 204 ", "416 555 0100 ext 204"),
        ("phone", "416-555-0100 x204", "416-555-0100 x204"),
        ("phone", "020 7946 0018", "020 7946 0018"),
        ("phone", "", ""),
        ("email", " alex@example.org ", "alex@example.org"),
        ("email", "a.b+c@mail.example.co.uk", "a.b+c@mail.example.co.uk"),
        ("email", "", ""),
        ("timezone", "America/Toronto", "America/Toronto"),
        ("timezone", " america/toronto ", "America/Toronto"),
        ("timezone", "utc", "UTC"),
        ("timezone", "Europe/London", "Europe/London"),
        ("timezone", "Asia/Jerusalem", "Asia/Jerusalem"),
        ("hours", "Mon-Thu 9:00-17:00; Fri 9:00-13:00", "mon-thu 09:00-17:00; fri 09:00-13:00"),
        ("region", "ca-on", "CA-ON"),
        ("region", "uk", "GB"),
        ("review", "Friday 9:30", "fri 09:30"),
        ("autolock", "1", "1"),
        ("autolock", " 240 ", "240"),
        ("autolock", "010", "10"),
        ("crisis", "", ""),
        ("crisis", "   ", ""),
        ("crisis", "Emergency:911;Crisis line: 988", "Emergency: 911; Crisis line: 988"),
    ],
)
def test_validate_returns_the_canonical_stored_text(key: str, text: str, stored: str) -> None:
    assert validate_setting(key, text) == stored
    assert validate_setting(key, stored) == stored  # canonical text is stable


# --- validate_setting: refusals --------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("clinician", "A" * 121, "Your name must be one line of at most 120 characters (or left"),
        ("clinician", "Alex\nRivera", "Your name must be one line of at most 120 characters"),
        ("clinician", "Alex\x00Rivera", "Your name must be one line"),
        ("clinician", "Alex\u2028Rivera", "Your name must be one line"),
        ("credentials", "MSW\tRSW", "Credentials must be one line of at most 120 characters"),
        ("practice", "P" * 121, "The practice name must be one line of at most 120 characters"),
        ("address", "x" * 301, "address must be at most 300 characters, over one or more lines"),
        ("address", "12 King\x07 St", "The practice address must be at most 300 characters"),
        (
            "phone",
            "call me",
            'optional +, spaces, dashes, dots or brackets, e.g. "+1 416-555-0100"',
        ),
        ("phone", "12", "The phone number must be digits"),
        ("phone", "+--", "The phone number must be digits"),
        ("phone", "416-555-0100 or 0101", "The phone number must be digits"),
        ("phone", "1" * 31, "The phone number must be digits"),
        ("email", "alex", 'The email address must look like "name@example.org" (or be left'),
        ("email", "alex@example", 'The email address must look like "name@example.org"'),
        ("email", "alex@@example.org", 'The email address must look like "name@example.org"'),
        ("email", "alex smith@example.org", 'The email address must look like "name@example.org"'),
        ("email", "alex@example.", 'The email address must look like "name@example.org"'),
        ("email", "a@" + "b" * 250 + ".org", 'The email address must look like "name@example.org"'),
        ("timezone", "", 'such as "America/Toronto", "Europe/London" or "UTC".'),
        ("timezone", "EST5EDTX", 'The time zone must be a name such as "America/Toronto"'),
        ("timezone", "Toronto", 'The time zone must be a name such as "America/Toronto"'),
        ("timezone", "../../etc/passwd", 'The time zone must be a name such as "America/Toronto"'),
        ("timezone", "+05:00", 'The time zone must be a name such as "America/Toronto"'),
        ("hours", "", HOURS_FORM),
        ("hours", "mon-fri 17:00-09:00", HOURS_FORM),
        ("region", "Narnia", "Region must be a country code, optionally with a subdivision"),
        ("region", "CA-XX", "Use one of AB, BC, MB"),
        ("review", "someday", 'The weekly review time must look like "fri 16:00"'),
        ("crisis", "911", CRISIS_FORM),
    ],
)
def test_refusals_say_what_is_accepted(key: str, text: str, message: str) -> None:
    assert message in refusal(key, text)


@pytest.mark.parametrize("text", ["0", "241", "-1", "+5", "10.5", "ten", "", "١٠", "99999"])
def test_autolock_refuses_anything_but_1_to_240_minutes(text: str) -> None:
    assert refusal("autolock", text) == "Auto-lock must be a whole number of minutes from 1 to 240."


@pytest.mark.parametrize(
    ("key", "bounds", "message"),
    [
        ("autolock", (1, 240), "Auto-lock must be a whole number of minutes from 1 to 240."),
        ("retention", (1, 100), "Retention must be a whole number of years from 1 to 100."),
        ("replaced", (1, 50), "Replaced vaults kept must be a whole number from 1 to 50."),
    ],
)
def test_a_whole_number_setting_declares_the_range_it_accepts(
    key: str, bounds: tuple[int, int], message: str
) -> None:
    spec = SETTINGS_BY_KEY[key]
    assert spec.bounds == bounds and spec.unit
    low, high = bounds
    assert validate_setting(key, f" {low} ") == str(low)
    assert validate_setting(key, str(high)) == str(high)
    for text in (str(low - 1), str(high + 1), "+5", "٥", "7 years", "", "1e2"):
        assert refusal(key, text) == message, text


def test_only_whole_number_settings_have_a_range() -> None:
    ranged = {spec.key for spec in SETTINGS if spec.bounds is not None}
    assert ranged == {"autolock", "retention", "replaced"}


# --- PracticeSettings --------------------------------------------------------------------


def test_from_nothing_gives_the_typed_defaults() -> None:
    settings = PracticeSettings.from_values({})
    assert settings == PracticeSettings(
        clinician="",
        credentials="",
        practice="",
        address="",
        phone="",
        email="",
        timezone=ZoneInfo("UTC"),
        hours=parse_hours("mon-fri 09:00-17:00"),
        region=Region("US"),
        review=ReviewTime(4, time(16)),
        autolock_minutes=10,
        crisis=default_crisis_resources("US"),
    )


def test_from_values_reads_every_setting() -> None:
    settings = PracticeSettings.from_values(
        {
            "clinician": "Dr. Alex Rivera",
            "credentials": "MSW, RSW",
            "practice": "Harbour & Hill Counselling",
            "address": "12 King St W\nToronto ON",
            "phone": "+1 416-555-0100",
            "email": "alex@example.org",
            "timezone": "America/Toronto",
            "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
            "region": "CA-ON",
            "review": "thu 15:30",
            "autolock": "5",
            "crisis": "Emergency: 911; Distress Centre: 416-408-4357",
        }
    )
    assert settings.clinician == "Dr. Alex Rivera"
    assert settings.credentials == "MSW, RSW"
    assert settings.practice == "Harbour & Hill Counselling"
    assert settings.address == "12 King St W\nToronto ON"
    assert settings.phone == "+1 416-555-0100"
    assert settings.email == "alex@example.org"
    assert settings.timezone == ZoneInfo("America/Toronto")
    assert settings.hours.describe() == "Monday to Thursday 9:00–17:00; Friday 9:00–13:00"
    assert settings.region == Region("CA", "ON")
    assert settings.review == ReviewTime(3, time(15, 30))
    assert settings.autolock_minutes == 5
    assert settings.crisis == (
        CrisisResource("Emergency", "911"),
        CrisisResource("Distress Centre", "416-408-4357"),
    )


@pytest.mark.parametrize(
    ("region", "emergency"), [("CA-ON", "911"), ("GB-ENG", "999"), ("AU", "000"), ("FR", "112")]
)
def test_without_custom_crisis_resources_the_region_defaults_are_used(
    region: str, emergency: str
) -> None:
    settings = PracticeSettings.from_values({"region": region, "crisis": ""})
    assert settings.crisis == default_crisis_resources(region[:2])
    assert settings.crisis[0].number == emergency


def test_unknown_stored_keys_are_ignored() -> None:
    # A vault written by a newer version may hold settings this one does not know.
    settings = PracticeSettings.from_values({"future_setting": "x", "autolock": "30"})
    assert settings.autolock_minutes == 30


def test_a_bad_stored_value_is_refused_with_its_message() -> None:
    with pytest.raises(InvalidInput, match="Auto-lock must be a whole number"):
        PracticeSettings.from_values({"autolock": "0"})


def test_canonical_values_rebuild_the_same_settings() -> None:
    typed = {"hours": "Mon-Fri 8:30-16:30", "region": "uk-eng", "review": "Friday 9:00"}
    stored = {key: validate_setting(key, text) for key, text in typed.items()}
    assert PracticeSettings.from_values(stored) == PracticeSettings.from_values(typed)


# --- is_profile_complete -----------------------------------------------------------------


def test_a_new_profile_is_missing_the_name_and_the_practice() -> None:
    assert is_profile_complete(PracticeSettings.from_values({})) == ["Your name", "Practice name"]


def test_the_profile_is_complete_with_a_name_and_a_practice() -> None:
    settings = PracticeSettings.from_values({"clinician": "Alex Rivera", "practice": "Harbour"})
    assert is_profile_complete(settings) == []


def test_only_the_missing_field_is_listed() -> None:
    settings = PracticeSettings.from_values({"clinician": "Alex Rivera", "practice": "   "})
    assert is_profile_complete(settings) == ["Practice name"]
    settings = PracticeSettings.from_values({"practice": "Harbour"})
    assert is_profile_complete(settings) == ["Your name"]


# --- backup folder -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["/media/usb/Boundary Desk backups", "~/Backups", "D:\\Backups", "  /mnt/nas  "]
)
def test_a_backup_folder_is_a_full_path(text: str) -> None:
    assert validate_setting("backups", text) == text.strip()


def test_an_empty_backup_folder_means_the_one_beside_the_vault() -> None:
    assert validate_setting("backups", "   ") == ""
    assert PracticeSettings.from_values({}).backup_folder == ""


@pytest.mark.parametrize("text", ["backups", "usb/backups", "/media/usb\nfolder", "/" + "a" * 1000])
def test_a_relative_or_broken_backup_folder_is_refused(text: str) -> None:
    assert "backup folder" in refusal("backups", text)


def test_your_other_addresses_are_kept_as_a_list_and_each_checked() -> None:
    assert validate_setting("own_handles", " Me@Home.example ,416 555 0100;\nme@home.example") == (
        "Me@Home.example; 416 555 0100; me@home.example"
    )
    assert validate_setting("own_handles", "") == ""
    with pytest.raises(InvalidInput, match="email address must look like"):
        validate_setting("own_handles", "me@home.example; not-an-address@")
    with pytest.raises(InvalidInput, match="phone number must be digits"):
        validate_setting("own_handles", "call me")
    with pytest.raises(InvalidInput, match="at most 20"):
        validate_setting("own_handles", "; ".join(f"416 555 {n:04d}" for n in range(21)))


@pytest.mark.parametrize("stored", ["America/Toronto", "UTC", "Etc/GMT+5", "Europe/London"])
def test_a_stored_time_zone_is_read_back_by_its_key(stored: str) -> None:
    assert PracticeSettings.from_values({"timezone": stored}).timezone.key == stored


def test_a_time_zone_not_in_its_stored_form_is_read_as_typed_text_is() -> None:
    zone = PracticeSettings.from_values({"timezone": " america/toronto "}).timezone
    assert zone.key == "America/Toronto"


@pytest.mark.parametrize(
    "stored", ["posixrules", "posix/Europe/London", "right/UTC", "../etc/passwd", ""]
)
def test_a_stored_time_zone_the_list_of_zones_leaves_out_is_refused(stored: str) -> None:
    with pytest.raises(InvalidInput, match="The time zone must be a name"):
        PracticeSettings.from_values({"timezone": stored})
