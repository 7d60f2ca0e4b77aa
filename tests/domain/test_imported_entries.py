"""What an imported message becomes: its summary line, minutes, crisis words, reply pairing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from boundary_desk.domain.events import ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.domain.imported_entries import (
    REPLY_WINDOW,
    StagedEntry,
    call_minutes,
    has_crisis_words,
    pair_replies,
    summary_line,
    usable_moment,
)

T0 = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)


def contact(
    at: datetime, direction: Direction, channel: ContactChannel = ContactChannel.TEXT
) -> ContactEvent:
    return ContactEvent(
        client_id=1, kind=EventKind.CONTACT, occurred_at=at, channel=channel, direction=direction
    )


def test_the_summary_is_the_first_line_with_words_cleaned_never_refused() -> None:
    assert summary_line("\n  \nSee you\tThursday \nsecond line") == "See you Thursday"
    assert summary_line("abc\u202edef\u2066\x07 ok") == "abcdef ok"
    assert summary_line("\ufeffshalom \u200fעולם") == "shalom \u200fעולם"  # marks stay
    assert summary_line("") == ""
    long = summary_line("x" * 500)
    assert len(long) == 200 and long.endswith("…")


def test_a_call_takes_whole_minutes_rounded_up_within_the_limit() -> None:
    assert call_minutes(None) is None
    assert call_minutes(timedelta(0)) == 0
    assert call_minutes(timedelta(seconds=1)) == 1
    assert call_minutes(timedelta(seconds=60)) == 1
    assert call_minutes(timedelta(seconds=61)) == 2
    assert call_minutes(timedelta(hours=30)) == 600
    assert call_minutes(timedelta(seconds=-5)) == 0


def test_crisis_words_are_found_as_words_whatever_their_case() -> None:
    assert has_crisis_words("I think about SUICIDE a lot")
    assert has_crisis_words("I can\u2019t go on like this")
    assert has_crisis_words("some days I want to die")
    assert not has_crisis_words("the suicidality scale handout")  # not the word itself
    assert not has_crisis_words("see you on Thursday")


def test_moments_the_quick_log_would_refuse_are_not_usable() -> None:
    now = T0
    assert usable_moment(now - timedelta(days=365), now)
    assert usable_moment(now + timedelta(minutes=4), now)
    assert not usable_moment(now + timedelta(hours=1), now)
    assert not usable_moment(now - timedelta(days=366 * 21), now)


def test_the_clinicians_next_message_answers_every_waiting_one_on_its_channel() -> None:
    entries = [
        contact(T0, Direction.IN),
        contact(T0 + timedelta(minutes=5), Direction.IN),
        contact(T0 + timedelta(hours=2), Direction.OUT, ContactChannel.CALL),
        contact(T0 + timedelta(hours=3), Direction.IN),
    ]
    first, second, reply, later = pair_replies(entries)
    assert first.replied_at == second.replied_at == T0 + timedelta(hours=2)
    assert first.reply_channel is ContactChannel.CALL
    assert reply.replied_at is None and later.replied_at is None


def test_a_reply_after_the_window_answers_nothing() -> None:
    late = [contact(T0, Direction.IN), contact(T0 + REPLY_WINDOW + timedelta(1), Direction.OUT)]
    assert pair_replies(late)[0].replied_at is None


def test_a_staged_entry_shows_no_text_in_its_repr() -> None:
    staged = StagedEntry(
        event=ContactEvent(1, EventKind.CONTACT, T0, summary="private words"),
        source_key="sbr-sms:abc",
        text="private words in full",
    )
    assert "private" not in repr(staged)


def test_a_friend_request_is_not_answered_by_the_next_message() -> None:
    request = replace(contact(T0, Direction.IN, ContactChannel.DM), kind=EventKind.FRIEND_REQUEST)
    asked = contact(T0 + timedelta(hours=1), Direction.IN, ContactChannel.DM)
    reply = contact(T0 + timedelta(hours=2), Direction.OUT, ContactChannel.DM)
    paired_request, paired_asked, _ = pair_replies([request, asked, reply])
    assert paired_request.replied_at is None
    assert paired_asked.replied_at == reply.occurred_at
