"""Channel profiles and the poor-fit reply through the CLI: the scripted scenarios.

Practice: Toronto, Mon–Thu 09:00–17:00. Client AL1's signed agreement allows email,
text messages and the portal, so only the fit of a channel is in question here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, Result, assert_user_error

TUESDAY = ("--at", "2026-11-17T11:00")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("channels-template")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    for key, value in [("timezone", "America/Toronto"), ("hours", "mon-thu 09:00-17:00")]:
        assert cli("settings", "set", key, value).code == 0
    assert cli("client", "add", "Ana Lima", "--code", "AL1").code == 0
    assert cli("client", "add", "Jordan Ellis", "--code", "JE3").code == 0
    made = cli(
        "agreement", "new", "AL1", "--channels", "email,text,portal",
        "--signed", "2025-11-01", "--review", "2027-11-01",
    )  # fmt: skip
    assert made.code == 0, made.err
    return cli.data_dir


@pytest.fixture
def practice(cli: Cli, template: Path) -> Cli:
    shutil.copytree(template, cli.data_dir)
    return cli


def codes(result: Result) -> list[str]:
    assert result.code == 0, result.err
    return [w["code"] for w in result.json()["warnings"]]


def order(cli: Cli, *args: str) -> list[tuple[str, str]]:
    result = cli("channels", "rank", *args, "--json")
    assert result.code == 0, result.err
    return [(f["option"], f["verdict"]) for f in result.json()]


def test_a_clinical_reply_by_text_is_flagged(practice: Cli) -> None:
    replied = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--category", "clinical",
        *TUESDAY, "--replied-at", "2026-11-17T11:30", "--reply-channel", "text", "--json",
    )  # fmt: skip
    assert codes(replied) == ["reply_poor_fit"]
    (warning,) = replied.json()["warnings"]
    assert warning["message"] == (
        "You wrote clinical content by text message, a lean channel where it is easily "
        "misread; consider checking in the next session how it landed."
    )
    sent = practice(
        "log", "AL1", "--channel", "text", "--direction", "out", "--category", "personal",
        *TUESDAY, "--json",
    )  # fmt: skip
    assert codes(sent) == ["reply_poor_fit"]
    # The same clinical email answered by email is no poor fit.
    by_email = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--category", "clinical",
        *TUESDAY, "--replied-at", "2026-11-17T11:30", "--reply-channel", "email", "--json",
    )  # fmt: skip
    assert codes(by_email) == []


def test_an_admin_text_is_not_flagged(practice: Cli) -> None:
    for direction in ("out", "in"):
        admin = practice(
            "log", "AL1", "--channel", "text", "--direction", direction, "--category", "admin",
            *TUESDAY, "--replied-at", "2026-11-17T11:30", "--json",
        )  # fmt: skip
        assert codes(admin) == []
    # A clinical text from the client not yet answered: nothing the clinician wrote.
    unanswered = practice(
        "log", "AL1", "--channel", "text", "--direction", "in", "--category", "clinical",
        *TUESDAY, "--json",
    )  # fmt: skip
    assert codes(unanswered) == []


def test_a_crisis_message_ranks_the_crisis_protocol_first(practice: Cli) -> None:
    result = practice("channels", "rank", "crisis", "--client", "AL1", "--json")
    assert result.code == 0, result.err
    first, *channels = result.json()
    assert first["option"] == "crisis-protocol"
    assert first["verdict"] == "crisis-protocol"
    assert [n["number"] for n in first["crisis_numbers"]] == ["911", "988"]
    assert [c["option"] for c in channels] == ["portal", "email", "text"]
    assert all(c["verdict"] == "poor" for c in channels)  # none is read in time
    text = practice("channels", "rank", "crisis", "--among", "text")
    assert text.out.splitlines()[0].startswith("1. Crisis protocol (")
    assert order(practice, "clinical", "--among", "text")[0] == ("text", "poor")


def test_an_adjusted_profile_changes_the_ranking(practice: Cli) -> None:
    assert order(practice, "clinical", "--client", "AL1") == [
        ("portal", "good"),
        ("email", "caution"),
        ("text", "poor"),
    ]
    assert practice("settings", "set", "channels", "Email: encrypted").code == 0
    assert order(practice, "clinical", "--client", "AL1") == [
        ("email", "good"),
        ("portal", "good"),
        ("text", "poor"),
    ]
    # The clinician's profiles also decide the warning: a rich text service isn't lean.
    assert practice("settings", "set", "channels", "text: rich").code == 0
    sent = practice(
        "log", "AL1", "--channel", "text", "--direction", "out", "--category", "clinical",
        *TUESDAY, "--json",
    )  # fmt: skip
    assert codes(sent) == []


def test_complex_content_asks_for_more_than_a_portal(practice: Cli) -> None:
    ranked = order(practice, "clinical", "--complex", "--among", "portal,video,call")
    assert ranked == [("video", "good"), ("call", "caution"), ("portal", "caution")]


def test_channels_show_prints_every_profile_with_the_adjustments(practice: Cli) -> None:
    shown = practice("channels", "show", "--json")
    assert shown.code == 0, shown.err
    profiles = {p["channel"]: p for p in shown.json()}
    assert list(profiles) == [
        "email", "text", "call", "voicemail", "video", "portal", "dm", "in-person",
    ]  # fmt: skip
    assert profiles["text"] == {
        "channel": "text",
        "label": "text message",
        "bandwidth": "lean",
        "two_way": "asynchronous",
        "encrypted": False,
        "formality": "informal",
        "complexity": "simple",
        "good_for": "arranging times and short reminders",
        "not_for": "clinical or emotional content",
        "adjusted": False,
    }
    assert practice("settings", "set", "channels", "email: encrypted").code == 0
    email = practice("channels", "show", "--json").json()[0]
    assert email["encrypted"] is True and email["adjusted"] is True
    lines = practice("channels", "show").out.splitlines()
    assert lines[0].split() == [
        "email", "medium", "·", "asynchronous", "·", "confidential", "·", "formal", "·",
        "moderate", "messages", "(adjusted)",
    ]  # fmt: skip
    assert lines[3].strip() == (
        "Good for arranging times and short reminders; not for clinical or emotional content."
    )


def test_a_bad_profile_is_refused_and_nothing_changes(practice: Cli) -> None:
    assert practice("settings", "set", "channels", "email: encrypted").code == 0
    refused = practice("settings", "set", "channels", "email: secure")
    assert_user_error(refused, '"secure" is not a channel quality; use one of each: lean,')
    assert practice("settings", "show", "--json").json()["channels"] == "email: encrypted"
    assert_user_error(
        practice("settings", "set", "channels", "fax: encrypted"), '"fax" is not a channel'
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--among", "email,fax"), "--among takes channels separated by commas, from email,"),
        (("--among", ","), "--among takes channels"),
        (("--client", "JE3"), "JE3 has no signed agreement, so no channels are agreed"),
        (("--client", "AL1", "--among", "email"), "Give either a client or --among, not both."),
    ],
)
def test_a_bad_ranking_request_is_refused_in_one_line(
    practice: Cli, args: tuple[str, ...], words: str
) -> None:
    assert_user_error(practice("channels", "rank", "clinical", *args), words)


def test_a_complex_admin_reply_by_text_is_flagged_and_the_flag_is_kept(practice: Cli) -> None:
    replied = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--category", "admin",
        "--complex", *TUESDAY, "--replied-at", "2026-11-17T11:30", "--reply-channel", "text",
    )  # fmt: skip
    assert replied.code == 0, replied.err
    lines = replied.out.splitlines()
    assert (
        "  ! Needs attention: You wrote complex or emotional content by text message, a lean "
        "channel where it is easily misread; consider checking in the next session how it "
        "landed."
    ) in lines
    assert lines[-1] == "  To raise it in the next session: boundary-desk raise-in-session 1"
    [logged] = practice("events", "--json").json()
    assert logged["complex"] is True
    assert logged["raise_next_session"] is False
    # The same admin text without --complex is no poor fit, and is kept as not complex.
    plain = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--category", "admin",
        *TUESDAY, "--replied-at", "2026-11-17T11:30", "--reply-channel", "text", "--json",
    )  # fmt: skip
    assert codes(plain) == []
    assert plain.json()["complex"] is False


def test_a_poor_fit_reply_is_raised_in_the_next_session_with_a_note(practice: Cli) -> None:
    replied = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--category", "clinical",
        *TUESDAY, "--replied-at", "2026-11-17T11:30", "--reply-channel", "text", "--json",
    )  # fmt: skip
    entry = replied.json()["id"]
    raised = practice("raise-in-session", str(entry), "--json")
    assert raised.code == 0, raised.err
    assert raised.json()["raise_next_session"] is True
    [warning] = raised.json()["warnings"]
    assert (warning["code"], warning["acknowledged"]) == ("reply_poor_fit", True)
    assert warning["note"] == "to raise in the next session"
    [kept] = practice("events", "--json").json()
    assert kept["raise_next_session"] is True
    # At logging time, --raise-next-session records the same note at once.
    at_once = practice(
        "log", "AL1", "--channel", "text", "--direction", "out", "--category", "personal",
        *TUESDAY, "--raise-next-session",
    )  # fmt: skip
    assert at_once.code == 0, at_once.err
    assert at_once.out.splitlines()[-1] == "  Kept to raise in the next session."
    assert practice("events", "--json").json()[1]["warnings"][0]["note"] == (
        "to raise in the next session"
    )


def test_raising_an_entry_that_does_not_exist_is_refused(practice: Cli) -> None:
    result = practice("raise-in-session", "99")
    assert_user_error(result, "That entry no longer exists.")


def _text_at(practice: Cli, when: str, *extra: str) -> Result:
    return practice(
        "log", "AL1", "--channel", "text", "--direction", "in", "--category", "admin",
        "--at", when, *extra,
    )  # fmt: skip


def test_a_long_exchange_by_text_is_said_when_the_message_that_makes_it_is_logged(
    practice: Cli,
) -> None:
    assert practice("settings", "set", "long_thread", "3 messages within 2 hours").code == 0
    first = _text_at(practice, "2026-11-17T10:00", "--json")
    second = _text_at(practice, "2026-11-17T11:00", "--json")
    assert first.json()["long_exchange"] is None and second.json()["long_exchange"] is None
    # A text three hours later starts a new thread: still nothing.
    later = _text_at(practice, "2026-11-17T14:30", "--json")
    assert later.json()["long_exchange"] is None

    third = _text_at(practice, "2026-11-17T11:45")
    assert third.code == 0, third.err
    sentence = (
        "This is one of 3 text messages with this client over 2 hours: a long exchange in "
        "writing drifts, and each reply answers less of what was meant. Consider raising "
        "it in the next session."
    )
    assert f"  {sentence}" in third.out.splitlines()
    [entry] = [e["id"] for e in practice("events", "--json").json() if "T11:45" in e["occurred_at"]]
    assert f"boundary-desk raise-in-session {entry}" in third.out
    assert practice("raise-in-session", str(entry)).code == 0
    [kept] = [e for e in practice("events", "--json").json() if e["raise_next_session"]]
    assert kept["id"] == entry
    # An admin text, so no warning was there to note: only the entry is kept to raise.
    assert kept["warnings"] == []

    # The same three texts as calls make no thread: a live channel sorts itself out.
    call = practice(
        "log", "JE3", "--channel", "call", "--direction", "in", "--at", "2026-11-17T10:00",
        "--json",
    )  # fmt: skip
    assert call.json()["long_exchange"] is None


def test_a_long_exchange_logged_with_raise_next_session_is_kept_at_once(practice: Cli) -> None:
    assert practice("settings", "set", "long_thread", "2 messages within 1 hour").code == 0
    assert _text_at(practice, "2026-11-17T10:00").code == 0
    kept = _text_at(practice, "2026-11-17T10:30", "--raise-next-session", "--json")
    assert kept.json()["long_exchange"] == {
        "messages": 2,
        "hours": 1,
        "message": (
            "This is one of 2 text messages with this client within an hour: a long exchange "
            "in writing drifts, and each reply answers less of what was meant. Consider raising "
            "it in the next session."
        ),
    }
    assert kept.json()["raise_next_session"] is True
