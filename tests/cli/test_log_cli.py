"""The quick log through the CLI: the scripted scenarios, worked out by hand.

Practice: Toronto, Ontario holidays, Mon–Thu 09:00–17:00 and Fri 09:00–13:00.
Client AL1 has a signed agreement that allows email only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.conftest import Cli, Result, assert_only_access_was_recorded, assert_user_error


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("log-template")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    for key, value in [
        ("timezone", "America/Toronto"),
        ("region", "CA-ON"),
        ("hours", "mon-thu 09:00-17:00; fri 09:00-13:00"),
    ]:
        assert cli("settings", "set", key, value).code == 0
    assert cli("client", "add", "Ana Lima", "--code", "AL1").code == 0
    made = cli(
        "agreement",
        "new",
        "AL1",
        "--channels",
        "email",
        "--signed",
        "2025-11-01",
        "--review",
        "2027-11-01",
    )
    assert made.code == 0, made.err
    return cli.data_dir


@pytest.fixture
def practice(cli: Cli, template: Path) -> Cli:
    shutil.copytree(template, cli.data_dir)
    return cli


def logged(result: Result) -> tuple[bool, list[str]]:
    assert result.code == 0, result.err
    doc = result.json()
    return doc["after_hours"], [w["code"] for w in doc["warnings"]]


@pytest.mark.parametrize(
    ("args", "after_hours", "codes"),
    [
        # Friday 22:40 local: after hours.
        (
            ("--channel", "email", "--direction", "in", "--at", "2026-11-20T22:40"),
            True,
            ["after_hours"],
        ),
        # Saturday noon.
        (
            ("--channel", "email", "--direction", "in", "--at", "2026-11-21T12:00"),
            True,
            ["after_hours"],
        ),
        # Christmas Day 2025 (a Thursday) at 11:00 in Ontario: a public holiday.
        (
            ("--channel", "email", "--direction", "in", "--at", "2025-12-25T11:00"),
            True,
            ["after_hours"],
        ),
        # Tuesday 11:00: working time, an allowed channel: nothing to say.
        (("--channel", "email", "--direction", "in", "--at", "2026-11-17T11:00"), False, []),
        # Monday 9 March 2026 09:30, the first working hour after clocks went forward.
        (("--channel", "email", "--direction", "in", "--at", "2026-03-09T09:30"), False, []),
        # The same instant given in UTC (13:30Z) is the same working time.
        (
            ("--channel", "email", "--direction", "in", "--at", "2026-03-09T13:30:00+00:00"),
            False,
            [],
        ),
        # A week earlier 13:30Z was 08:30 EST: before opening.
        (
            ("--channel", "email", "--direction", "in", "--at", "2026-03-02T13:30:00+00:00"),
            True,
            ["after_hours"],
        ),
        # A text to a client whose agreement allows only email.
        (
            ("--channel", "text", "--direction", "in", "--at", "2026-11-17T11:00"),
            False,
            ["outside_agreement"],
        ),
        # Crisis content by email.
        (
            (
                "--channel",
                "email",
                "--direction",
                "in",
                "--at",
                "2026-11-17T11:00",
                "--category",
                "crisis",
            ),
            False,
            ["crisis_channel"],
        ),
        # Your own late reply.
        (
            (
                "--channel",
                "email",
                "--direction",
                "in",
                "--at",
                "2026-11-17T11:00",
                "--replied-at",
                "2026-11-17T21:15",
                "--reply-channel",
                "email",
            ),
            False,
            ["replied_after_hours"],
        ),
    ],
)
def test_contact_scenarios(
    practice: Cli, args: tuple[str, ...], after_hours: bool, codes: list[str]
) -> None:
    assert logged(practice("log", "AL1", *args, "--json")) == (after_hours, codes)


def test_warnings_have_one_sentence_reasons(practice: Cli) -> None:
    doc = practice(
        "log", "AL1", "--channel", "text", "--direction", "in", "--at", "2026-11-20T22:40", "--json"
    ).json()
    messages = {w["code"]: w["message"] for w in doc["warnings"]}
    assert messages["after_hours"] == (
        "This text message came at 22:40 on Friday, outside your working hours."
    )
    assert "allows only email" in messages["outside_agreement"]


def test_curiosity_search(practice: Cli) -> None:
    result = practice(
        "log-search",
        "AL1",
        "--purpose",
        "curiosity",
        "--consent",
        "not-obtained",
        "--at",
        "2026-11-17T20:00",
        "--json",
    )
    _, codes = logged(result)
    assert codes == ["search_curiosity", "search_no_consent", "search_undocumented"]


def test_accepted_friend_request(practice: Cli) -> None:
    result = practice(
        "log-request",
        "AL1",
        "--platform",
        "Instagram",
        "--action",
        "accepted",
        "--at",
        "2026-11-17T20:00",
        "--json",
    )
    _, codes = logged(result)
    assert codes == ["friend_request_accepted"]


def test_repeated_searches(practice: Cli) -> None:
    for day in ("2026-11-02", "2026-11-17"):
        last = practice(
            "log-search",
            "AL1",
            "--purpose",
            "assessment",
            "--consent",
            "obtained",
            "--told-client",
            "--documented",
            "--at",
            f"{day}T11:00",
            "--json",
        )
    assert logged(last)[1] == ["search_repeated"]


def test_events_lists_what_was_logged_with_matching_numbers(practice: Cli) -> None:
    practice("log", "AL1", "--channel", "email", "--direction", "in", "--at", "2026-11-17T11:00")
    practice("log", "AL1", "--channel", "text", "--direction", "in", "--at", "2026-11-20T22:40")
    listed = practice("events", "AL1", "--json").json()
    assert [e["after_hours"] for e in listed] == [False, True]
    assert listed[1]["occurred_at"] == "2026-11-20T22:40:00-05:00"
    assert practice("events", "--since", "2026-11-18", "--json").json()[0]["channel"] == "text"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "2027-11-20T10:00"),
            "future",
        ),
        (("log", "Nobody", "--channel", "email", "--direction", "in"), "No client"),
        (("log", "AL1", "--channel", "fax", "--direction", "in"), "invalid choice"),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "someday"),
            "20 min ago",
        ),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "2026-03-08T02:30"),
            "clocks changed",
        ),
        (("log", "AL1", "--channel", "call", "--direction", "in", "--minutes", "9000"), "0 to 600"),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "31/02 22:40"),
            "There is no 31 February",
        ),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "fri 25:00"),
            "hours go from 0 to 23",
        ),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "11/27 22:40"),
            "day/month",
        ),
        (
            ("log", "AL1", "--channel", "email", "--direction", "in", "--at", "today 23:59:59"),
            "20 min ago",
        ),
    ],
)
def test_bad_input_is_one_line_and_saves_nothing(
    practice: Cli, args: tuple[str, ...], message: str
) -> None:
    last = max(r["id"] for r in practice("audit", "show", "--json").json())
    assert_user_error(practice(*args), message)
    assert practice("events", "--json").json() == []
    assert_only_access_was_recorded(practice, last)


def test_a_one_megabyte_summary_is_refused(practice: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("x" * 1_000_000)
    result = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--summary-file", str(huge)
    )
    assert_user_error(result, "at most 10,000 characters")
    assert practice("events", "--json").json() == []


def test_log_and_events_say_each_warnings_severity_and_the_agreements_terms(
    practice: Cli,
) -> None:
    late = ("AL1", "--channel", "text", "--direction", "in", "--at", "2026-11-20T22:40")
    result = practice("log", *late)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("After hours:")  # the problem before "Logged"
    assert lines[1].startswith("Logged: Text message from the client")
    assert "  ! Needs attention: This text message came at 22:40 on Friday" in result.out
    assert "  ! Serious: AL1's agreement doesn't include text messages" in result.out
    # AL1's signed agreement allows email only: its terms are the guidance.
    assert "    Your agreement says you keep in touch by email." in result.out

    listed = practice("events", "AL1")
    assert listed.code == 0, listed.err
    assert "      ! Serious: AL1's agreement doesn't include text messages" in listed.out

    doc = practice("events", "AL1", "--json").json()
    (warnings,) = [e["warnings"] for e in doc if e["warnings"]]
    by_code = {w["code"]: w for w in warnings}
    assert by_code["outside_agreement"]["severity"] == "serious"
    assert by_code["after_hours"]["severity"] == "attention"
    assert by_code["outside_agreement"]["guidance"].startswith(
        "Your agreement says you keep in touch by email."
    )


def _most_recent(text_day: Callable[[date], bool], clock: time) -> datetime:
    """The latest day passing `text_day` whose `clock` time isn't after now, in Toronto."""
    zone = ZoneInfo("America/Toronto")
    now = datetime.now(zone)
    day = now.date()
    while not (text_day(day) and datetime.combine(day, clock, zone) <= now + timedelta(minutes=5)):
        day -= timedelta(days=1)
    return datetime.combine(day, clock, zone)


def _yesterday_at(clock: time) -> datetime:
    zone = ZoneInfo("America/Toronto")
    return datetime.combine(datetime.now(zone).date() - timedelta(days=1), clock, zone)


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("yesterday 22:40", "CA-ON", lambda: _yesterday_at(time(22, 40))),
        ("fri 22:40", "CA-ON", lambda: _most_recent(lambda d: d.weekday() == 4, time(22, 40))),
        (
            "27/11 08:15",
            "CA-ON",
            lambda: _most_recent(lambda d: (d.month, d.day) == (11, 27), time(8, 15)),
        ),
        (
            "11/27 08:15",
            "US-NY",
            lambda: _most_recent(lambda d: (d.month, d.day) == (11, 27), time(8, 15)),
        ),
        (
            "nov 27 08:15",
            "GB",
            lambda: _most_recent(lambda d: (d.month, d.day) == (11, 27), time(8, 15)),
        ),
    ],
)
def test_at_takes_what_people_type(
    practice: Cli, typed: str, region: str, expected: Callable[[], datetime]
) -> None:
    assert practice("settings", "set", "region", region).code == 0
    result = practice(
        "log", "AL1", "--channel", "email", "--direction", "in", "--at", typed, "--json"
    )
    assert result.code == 0, result.err
    saved = datetime.fromisoformat(practice("events", "--json").json()[0]["occurred_at"])
    assert saved == expected()
    assert saved.utcoffset() is not None
