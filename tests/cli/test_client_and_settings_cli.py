from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error


@pytest.fixture
def vault(cli: Cli) -> None:
    assert cli("init", "--json").code == 0


@pytest.mark.usefixtures("vault")
def test_client_add_and_list(cli: Cli) -> None:
    added = cli("client", "add", "Zoë <b>Brown</b> & Co", "--code", "zb-7", "--json")
    assert added.code == 0, added.err
    assert added.json()["code"] == "ZB-7"
    cli("client", "add", "שרה כהן", "--email", "sara@example.org")
    listed = cli("client", "list", "--json").json()
    assert [(c["code"], c["name"]) for c in listed] == [
        ("ZB-7", "Zoë <b>Brown</b> & Co"),
        ("C-001", "שרה כהן"),
    ]
    text = cli("client", "list").out
    assert "Zoë <b>Brown</b> & Co" in text


@pytest.mark.usefixtures("vault")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("client", "add", "   "), "can't be empty"),
        (("client", "add", "Ana", "--email", "not-an-email"), "not an email"),
        (("client", "add", "Ana", "--code", "bad code!"), "client code"),
        (("client", "add", "x" * 5000), "at most 120"),
    ],
)
def test_bad_client_input_is_one_line_and_saves_nothing(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    assert_user_error(cli(*args), message)
    assert cli("client", "list", "--json").json() == []


@pytest.mark.usefixtures("vault")
def test_duplicate_code_is_refused(cli: Cli) -> None:
    cli("client", "add", "Ana", "--code", "A1")
    assert_user_error(cli("client", "add", "Bea", "--code", "a1"), "already used")
    assert len(cli("client", "list", "--json").json()) == 1


@pytest.mark.usefixtures("vault")
def test_settings_set_and_show(cli: Cli) -> None:
    for key, value in [
        ("clinician", "Dr. Jo Rivera"),
        ("practice", "Harbour Counselling"),
        ("timezone", "America/Toronto"),
        ("hours", "mon-thu 09:00-17:00; fri 09:00-13:00"),
        ("region", "ca-on"),
        ("review", "fri 16:00"),
        ("autolock", "5"),
    ]:
        result = cli("settings", "set", key, value)
        assert result.code == 0, result.err
    shown = cli("settings", "show", "--json").json()
    assert shown["hours"] == "mon-thu 09:00-17:00; fri 09:00-13:00"
    assert shown["region"] == "CA-ON"
    assert shown["timezone"] == "America/Toronto"
    assert shown["autolock"] == "5"


@pytest.mark.usefixtures("vault")
@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        ("timezone", "Atlantis/Capital", "time zone"),
        ("hours", "9 to 5", "mon-thu 09:00-17:00"),
        ("region", "CA-XX", "ON"),
        ("review", "friday teatime", "fri 16:00"),
        ("autolock", "-3", "1 to 240"),
        ("colour", "blue", "clinician"),
    ],
)
def test_bad_setting_is_refused_with_what_is_accepted(
    cli: Cli, key: str, value: str, accepted: str
) -> None:
    before = cli("settings", "show", "--json").json()
    assert_user_error(cli("settings", "set", key, value), accepted)
    assert cli("settings", "show", "--json").json() == before


@pytest.mark.usefixtures("vault")
@pytest.mark.parametrize(
    ("folder", "named"),
    [
        ("/proc", "system folder"),
        ("/sys/backups", "system folder"),
        ("/dev/backups", "system folder"),
        ("/dev/null", "not a folder"),
        ("{file}", "is a file, not a folder"),
        ("{file}/backups", "can't be created"),
    ],
)
def test_a_backup_folder_that_cant_hold_files_is_refused(
    cli: Cli, tmp_path: Path, folder: str, named: str
) -> None:
    (tmp_path / "afile").write_text("x")
    folder = folder.format(file=tmp_path / "afile")
    before = cli("settings", "show", "--json").json()
    assert_user_error(cli("settings", "set", "backups", folder), "backup folder", named)
    assert cli("settings", "show", "--json").json() == before
    usable = tmp_path / "drive" / "backups"
    assert cli("settings", "set", "backups", str(usable)).code == 0


@pytest.mark.usefixtures("vault")
def test_client_list_search_compares_phone_numbers_as_numbers(cli: Cli) -> None:
    assert cli("settings", "set", "region", "CA-ON").code == 0
    assert cli("client", "add", "Ana Lima", "--code", "AL1", "--phone", "+1 416 555 0142").code == 0
    assert (
        cli("client", "add", "Jordan Ellis", "--code", "JE3", "--phone", "905-555-0100").code == 0
    )
    for typed in ("416-555-0142", "(416) 555-0142", "4165550142"):
        found = cli("client", "list", "--search", typed, "--json").json()
        assert [c["code"] for c in found] == ["AL1"], typed
    assert cli("client", "list", "--search", "416-555-0199", "--json").json() == []


@pytest.mark.usefixtures("vault")
def test_a_region_in_another_country_reads_the_numbers_again(cli: Cli) -> None:
    assert cli("settings", "set", "region", "CA-ON").code == 0
    for name, code, phone in [
        ("Ana Lima", "AL1", "416-555-0142"),
        ("Jordan Ellis", "JE3", "020 7946 0958"),
        ("Tess Fox", "TF4", "1-800-555-0199"),
        ("Mo Roy", "MR2", "+1 905 555 0100"),
    ]:
        assert cli("client", "add", name, "--code", code, "--phone", phone).code == 0
    assert cli("client", "list", "--search", "+44 20 7946 0958", "--json").json() == []
    sentence = (
        "3 phone numbers typed without a country code will be read as +44 (United Kingdom) "
        "numbers. 1 of them can't be read there; it is kept as typed but won't be matched as "
        "a number: TF4."
    )

    refused = cli("settings", "set", "region", "GB-ENG")

    assert_user_error(refused, sentence, "Add --yes to confirm.")
    assert "Tess" not in refused.err
    assert cli("settings", "show", "--json").json()["region"] == "CA-ON"
    assert cli("client", "list", "--search", "+44 20 7946 0958", "--json").json() == []

    confirmed = cli("settings", "set", "region", "england, united kingdom", "--yes")

    assert confirmed.code == 0, confirmed.err
    assert sentence in confirmed.out and confirmed.out.endswith("region = GB-ENG\n")
    for typed, code in [
        ("+44 20 7946 0958", "JE3"),
        ("+44 416 555 0142", "AL1"),
        ("+1 905 555 0100", "MR2"),
        ("1-800-555-0199", "TF4"),  # still found by its digits
    ]:
        found = cli("client", "list", "--search", typed, "--json").json()
        assert [c["code"] for c in found] == [code], typed
    assert cli("client", "list", "--search", "+1 416 555 0142", "--json").json() == []


@pytest.mark.usefixtures("vault")
def test_new_hours_that_re_judge_entries_say_so_and_need_yes(cli: Cli) -> None:
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0  # nothing logged yet
    assert cli("client", "add", "Ana Lima", "--code", "AL1").code == 0
    for when in ("2026-11-23 18:00", "2026-11-24 18:30", "2026-11-25 10:00"):  # Mon, Tue, Wed
        logged = cli("log", "AL1", "--channel", "text", "--direction", "in", "--at", when)
        assert logged.code == 0, logged.err
    sentence = "2 entries will be re-judged against the new hours: 2 are no longer after hours."

    refused = cli("settings", "set", "hours", "mon-fri 09:00-19:00")

    assert_user_error(refused, sentence, "Add --yes to confirm.")
    assert cli("settings", "show", "--json").json()["hours"] == "mon-fri 09:00-17:00"

    confirmed = cli("settings", "set", "hours", "mon-fri 09:00-19:00", "--yes")

    assert confirmed.code == 0, confirmed.err
    assert confirmed.out.splitlines() == [sentence, "hours = mon-fri 09:00-19:00"]
    assert cli("settings", "show", "--json").json()["hours"] == "mon-fri 09:00-19:00"


@pytest.mark.usefixtures("vault")
@pytest.mark.parametrize(
    ("args", "field_name"),
    [
        (("client", "add", "Ana\u202e Reyes"), "A client's name"),
        (("client", "add", "Ana", "--social", "@ana\u2067x"), "The social-media handle"),
        (("client", "add", "Ana", "--minor", "--guardian", "\u202bBo"), "The guardian's name"),
    ],
)
def test_a_client_with_a_text_direction_control_is_refused_naming_the_field(
    cli: Cli, args: tuple[str, ...], field_name: str
) -> None:
    assert_user_error(cli(*args), f"{field_name} can't hold an invisible text-direction")
    assert cli("client", "list", "--json").json() == []
    added = cli("client", "add", "ד\u200fר׳ שרה כהן", "--json")  # a direction mark is fine
    assert added.code == 0, added.err
    assert added.json()["name"] == "ד\u200fר׳ שרה כהן"


@pytest.mark.usefixtures("vault")
def test_a_practice_name_with_a_text_direction_control_is_refused(cli: Cli) -> None:
    assert cli("settings", "set", "practice", "Harbour Counselling").code == 0
    refused = cli("settings", "set", "practice", "Harbour\u2066 Counselling")
    assert_user_error(refused, "The practice name can't hold", "U+2066")
    shown = cli("settings", "show", "--json").json()
    assert shown["practice"] == "Harbour Counselling"


@pytest.mark.usefixtures("vault")
def test_settings_set_language_takes_the_three_languages_and_refuses_others(cli: Cli) -> None:
    assert cli("settings", "show", "--json").json()["language"] == ""  # follows the system
    assert cli("settings", "set", "language", "FR").code == 0
    assert cli("settings", "show", "--json").json()["language"] == "fr"
    assert cli("settings", "set", "language", "he").code == 0
    refused = cli("settings", "set", "language", "de")
    assert_user_error(refused, "en (English), fr (Français), he (עברית)")
    assert cli("settings", "show", "--json").json()["language"] == "he"  # nothing lost
    assert cli("settings", "set", "language", "system").code == 0
    assert cli("settings", "show", "--json").json()["language"] == ""


@pytest.mark.usefixtures("vault")
def test_a_time_zone_of_another_country_than_the_region_is_pointed_out(cli: Cli) -> None:
    assert cli("settings", "set", "region", "US").code == 0
    moved = cli("settings", "set", "timezone", "Asia/Jerusalem")
    assert moved.code == 0
    assert (
        "The region is United States, but Asia/Jerusalem is a time zone of Israel. Public "
        'holidays and the crisis numbers follow the region: set it to "IL".'
    ) in moved.out
    assert cli("settings", "show", "--json").json()["region"] == "US"  # only pointed out
    fixed = cli("settings", "set", "region", "IL")
    assert fixed.code == 0 and "time zone of" not in fixed.out
    toronto = cli("settings", "set", "timezone", "America/Toronto")
    assert 'set it to "CA", or to a part of it such as "CA-' in toronto.out
    assert "time zone of" not in cli("settings", "set", "timezone", "UTC").out  # no country
