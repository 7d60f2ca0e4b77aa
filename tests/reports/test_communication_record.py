"""The printed communication record holds every logged contact, as typed, in local time."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.events import (
    Approach,
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.record import RecordEntry, RecordWarning
from boundary_desk.reports.communication_record import EMPTY, communication_record_pdf

PdfText = Callable[..., str]

PRINTED = date(2027, 1, 15)
PRACTICE = PracticeSettings.from_values({
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbour Counselling",
    "address": "12 King Street West, Suite 400\nToronto, ON  M5H 1A1",
    "phone": "+1 416-555-0100",
    "region": "CA-ON",
    "timezone": "America/Toronto",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
})  # fmt: skip
CLIENT = Client(
    code="C-014", display_name="Zoë O'Brien-Łukasiewicz", started_on=date(2026, 3, 3), id=1
)
# 03:40 UTC on Saturday is 22:40 on Friday evening in Toronto (EST, UTC-5).
LATE_FRIDAY = datetime(2026, 11, 21, 3, 40, tzinfo=UTC)
TUESDAY_NOON = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


def contact(summary: str, occurred_at: datetime = TUESDAY_NOON, **changes: object) -> ContactEvent:
    fields: dict[str, object] = {
        "client_id": 1,
        "kind": EventKind.CONTACT,
        "occurred_at": occurred_at,
        "channel": ContactChannel.TEXT,
        "direction": Direction.IN,
        "category": Category.CLINICAL,
        "summary": summary,
    }
    fields.update(changes)
    return ContactEvent(**fields)  # type: ignore[arg-type]


def entry(event: ContactEvent, *warnings: RecordWarning) -> RecordEntry:
    return RecordEntry(event, after_hours(event.occurred_at, PRACTICE), warnings)


def render(*entries: RecordEntry, client: Client = CLIENT, self_review: bool = False) -> bytes:
    return communication_record_pdf(
        client=client,
        practice=PRACTICE,
        entries=entries,
        printed_on=PRINTED,
        self_review=self_review,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def without_footers(text: str) -> str:
    """The text on one line with each page's footer taken out, so a split entry reads on."""
    footer = re.compile(r"^(Communication record · .* · printed .*|Page \d+ of \d+)$")
    return one_line(" ".join(line for line in text.splitlines() if not footer.match(line.strip())))


def counts(pdf: bytes, pdf_text: PdfText) -> dict[str, int]:
    """The overview band read back as {label: number}: a row of numbers over their labels."""
    lines = pdf_text(pdf, layout=True).splitlines()
    for numbers, labels in itertools.pairwise(lines):
        if numbers.split() and all(part.isdigit() for part in numbers.split()):
            names = re.split(r"\s{2,}", labels.strip())
            return dict(zip(names, map(int, numbers.split()), strict=True))
    raise AssertionError("no counts band")


def test_the_record_names_the_client_and_the_practice(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(render(entry(contact("Running late.")))))

    assert "Harbour Counselling" in text
    assert "Dr. Alex Rivera, MSW, RSW" in text
    assert "Communication record" in text
    assert "Zoë O'Brien-Łukasiewicz · client code C-014" in text
    assert "In therapy since 3 March 2026" in text


def test_an_ended_minor_client_shows_the_dates_and_guardian(pdf_text: PdfText) -> None:
    client = Client(
        code="C-020",
        display_name="Mia Chen",
        status=ClientStatus.ENDED,
        started_on=date(2025, 9, 1),
        ended_on=date(2026, 6, 30),
        is_minor=True,
        guardian_name="Li Chen",
    )

    text = one_line(pdf_text(render(entry(contact("Thank-you card.")), client=client)))

    assert "Therapy began 1 September 2025, ended 30 June 2026" in text
    assert "Minor; parent or guardian: Li Chen" in text


def test_every_summary_is_printed_in_full_and_in_order(pdf_text: PdfText) -> None:
    summaries = [
        "Asked to move Tuesday's session to Wednesday at ten; confirmed.",
        'Client texted: "Can\'t sleep again, thinking about what we discussed."',
        "Left a reminder voicemail with no clinical details.",
    ]
    events = [
        contact(summaries[1], LATE_FRIDAY),
        contact(summaries[2], datetime(2026, 12, 1, 15, 0, tzinfo=UTC)),
        contact(summaries[0], datetime(2026, 11, 2, 15, 0, tzinfo=UTC)),
    ]

    text = one_line(pdf_text(render(*(entry(e) for e in events))))

    positions = [text.index(summary) for summary in summaries]
    assert positions == sorted(positions)  # oldest first, whatever order they came in
    assert "Period covered: 2 November 2026 – 1 December 2026" in text
    assert "End of record: 3 entries." in text


def test_times_are_shown_in_the_practice_time_zone(pdf_text: PdfText) -> None:
    replied = datetime(2026, 11, 21, 14, 5, tzinfo=UTC)
    event = contact(
        "Late text.", LATE_FRIDAY, replied_at=replied, reply_channel=ContactChannel.EMAIL
    )

    text = one_line(pdf_text(render(entry(event))))

    assert "Fri 20 Nov 2026" in text
    assert "22:40" in text
    assert "03:40" not in text
    assert "Sat 21 Nov 2026" not in text.split("Replied")[0]  # the contact is on Friday
    assert "Replied Sat 21 Nov 2026, 09:05 by email" in text
    assert "Times are Toronto time (America/Toronto)" in text


def test_after_hours_entries_are_marked_with_their_reason(pdf_text: PdfText) -> None:
    christmas = datetime(2026, 12, 25, 16, 0, tzinfo=UTC)
    events = [contact("Late.", LATE_FRIDAY), contact("Noon.", TUESDAY_NOON),
              contact("Holiday.", christmas)]  # fmt: skip

    pdf = render(*(entry(e) for e in events))
    text = one_line(pdf_text(pdf))

    assert text.count("AFTER HOURS") == 2  # the Tuesday noon text is working time
    assert "Outside working hours" in text
    assert "Public holiday: Christmas Day" in text
    assert counts(pdf, pdf_text) == {
        "contacts": 3,
        "after hours": 2,
        "friend requests": 0,
        "online searches": 0,
    }


def test_contact_details_direction_category_duration_and_reply(pdf_text: PdfText) -> None:
    call = contact("Call.", channel=ContactChannel.CALL, category=Category.CRISIS, minutes=25)
    outgoing = contact(
        "Reminder.", channel=ContactChannel.VOICEMAIL, direction=Direction.OUT,
        category=Category.ADMIN, raise_next_session=True,
    )  # fmt: skip

    text = one_line(pdf_text(render(entry(call), entry(outgoing))))

    assert "Phone call from the client" in text
    assert "Client initiated · Crisis / risk · 25 min" in text
    assert "No reply recorded" in text
    assert "Voicemail to the client" in text
    assert "Clinician initiated · Admin / scheduling" in text
    assert text.count("To raise in the next session.") == 1


def test_a_search_prints_every_answer(pdf_text: PdfText) -> None:
    search = Search(
        purpose=SearchPurpose.RISK,
        consent=Consent.IMMINENT_RISK,
        location="Google News",
        found="One 2024 article about a car accident.",
        told_client=True,
        documented=False,
        consulted="Supervisor, Dr. Kim",
        motive="Worried after the call on the 28th.",
    )
    event = ContactEvent(1, EventKind.SEARCH, TUESDAY_NOON, summary="Searched.", search=search)

    pdf = render(entry(event))
    text = one_line(pdf_text(pdf))

    assert "Online search for the client" in text
    answers = (
        "Purpose imminent risk or safety of the client",
        "Consent not sought: imminent risk",
        "Where searched Google News",
        "What was found One 2024 article about a car accident.",
        "Client told yes",
        "Documented no",
        "Consulted Supervisor, Dr. Kim",
    )
    for answer in answers:
        assert answer in text
    assert counts(pdf, pdf_text)["online search"] == 1
    # The own motive is the clinician's self-review: for the chart only when asked for
    # (issue 13: it used to be printed in every record).
    assert "Own motive" not in text and "Worried after the call" not in text
    with_review = one_line(pdf_text(render(entry(event), self_review=True)))
    for answer in (*answers, "Own motive Worried after the call on the 28th."):
        assert answer in with_review
    assert "Includes the clinician's self-review" in with_review


def test_a_friend_request_and_an_approach_print_their_details(pdf_text: PdfText) -> None:
    request = ContactEvent(
        1, EventKind.FRIEND_REQUEST, TUESDAY_NOON, summary="Follow request.",
        request=FriendRequest("Instagram", RequestAction.DISCUSSED, date(2026, 12, 2)),
    )  # fmt: skip
    approach = ContactEvent(
        1, EventKind.CLIENT_APPROACH, TUESDAY_NOON, summary="Same gym class.",
        approach=Approach("Saw them there"),
    )  # fmt: skip

    pdf = render(entry(request), entry(approach))
    text = one_line(pdf_text(pdf))

    assert "Friend request (Instagram), discussed" in text
    assert "Platform: Instagram · Discussed in session on 2 December 2026" in text
    assert "How the clinician learned of it: Saw them there" in text
    assert counts(pdf, pdf_text) == {
        "contacts": 0,
        "after hours": 0,
        "friend request": 1,
        "online searches": 0,
        "client approach": 1,
    }


def test_warnings_print_with_their_acknowledgement(pdf_text: PdfText) -> None:
    warnings = (
        RecordWarning("after_hours", "This text message came at 22:40 on Friday.", True,
                      "Discussed in session; email for non-urgent matters."),
        RecordWarning("crisis_channel", "Crisis content came by text.", True, ""),
        RecordWarning("no_agreement", "There is no signed agreement.", False, ""),
    )  # fmt: skip

    late = entry(contact("Late.", LATE_FRIDAY), *warnings)
    text = one_line(pdf_text(render(late, self_review=True)))

    assert "Warning. This text message came at 22:40 on Friday." in text
    assert "Acknowledged: Discussed in session; email for non-urgent matters." in text
    assert "Warning. Crisis content came by text. Acknowledged, with no note." in text
    assert "Warning. There is no signed agreement. Not acknowledged." in text


def test_by_default_the_record_has_no_warnings_nor_acknowledgements(pdf_text: PdfText) -> None:
    # The app's warnings are the clinician's self-review, not the clinical record (issue 13).
    warnings = (
        RecordWarning("after_hours", "This text message came at 22:40 on Friday.", False, ""),
        RecordWarning("crisis_channel", "Crisis content came by text.", True, "Called back"),
    )
    text = one_line(pdf_text(render(entry(contact("Late.", LATE_FRIDAY), *warnings))))

    assert "Late." in text and "AFTER HOURS" in text
    for gone in ("Warning.", "Not acknowledged", "Acknowledged", "Crisis content came by text"):
        assert gone not in text
    assert "self-review" not in text


HOSTILE = ("<b>Bold</b>", "<img src=x>", "Smith & Jones &amp; Co", '<font color="red">hi</font>')


@pytest.mark.parametrize("typed", HOSTILE)
def test_markup_in_user_text_prints_literally(typed: str, pdf_text: PdfText) -> None:
    note = RecordWarning("after_hours", "Late.", True, f"note {typed}")
    client = Client(code="C-099", display_name=f"Sam {typed}")

    said = entry(contact(f"said {typed}"), note)
    text = one_line(pdf_text(render(said, client=client, self_review=True)))

    assert f"said {typed}" in text
    assert f"Acknowledged: note {typed}" in text
    assert f"Sam {typed}" in text


def test_a_ten_thousand_character_summary_runs_across_pages_intact(pdf_text: PdfText) -> None:
    sentences = [f"Sentence {n} of the transcribed email, word for word." for n in range(200)]
    summary = " ".join(sentences)[: 10_000 - len(" FINALWORDQX")] + " FINALWORDQX"
    assert len(summary) == 10_000

    text = pdf_text(render(entry(contact("Short one before.")), entry(contact(summary))))
    pages = text.count("\f")

    assert pages >= 2
    assert f"Page {pages} of {pages}" in text
    assert one_line(summary) in without_footers(text)  # every word, FINALWORDQX at the end


def test_a_long_search_finding_splits_across_pages(pdf_text: PdfText) -> None:
    found = " ".join(f"Finding {n} from the public profile." for n in range(300)) + " LASTFINDQZ"
    search = Search(SearchPurpose.ASSESSMENT, Consent.OBTAINED, found=found)
    event = ContactEvent(1, EventKind.SEARCH, TUESDAY_NOON, summary="Searched.", search=search)
    note = RecordWarning("search_undocumented", "Not told. " * 3, True, "NOTE " * 40)
    before = [entry(contact("First.")), entry(contact("Second.", LATE_FRIDAY))]

    # This layout once ended with a sliver too small to split off, and failed to build.
    text = pdf_text(render(*before, entry(event, note), self_review=True))

    assert text.count("\f") >= 3
    assert found in without_footers(text)
    assert "Own motive not recorded" in one_line(text)
    assert one_line("NOTE " * 40) in without_footers(text)


def test_a_300_character_word_wraps_without_loss(pdf_text: PdfText) -> None:
    word = "y" * 300

    text = pdf_text(render(entry(contact(f"token {word} end"))))

    assert word in "".join(text.split())


def test_greek_cyrillic_and_right_to_left_text_print(pdf_text: PdfText) -> None:
    hebrew, arabic = ["שלום", "עולם"], ["مرحبا", "بالعالم"]
    events = [
        contact("Ζωή Παπαδοπούλου · Анна Кузнецова"),
        contact(" ".join(hebrew)),
        contact(" ".join(arabic)),
    ]

    text = pdf_text(render(*(entry(e) for e in events)))

    assert "Ζωή Παπαδοπούλου · Анна Кузнецова" in one_line(text)
    # pdftotext reads RTL back in logical order; NFKC folds Arabic presentation forms.
    logical = unicodedata.normalize("NFKC", text)
    logical = "".join(ch for ch in logical if unicodedata.category(ch) != "Cf")
    for word in hebrew + arabic:
        assert word in logical


def test_every_page_has_the_footer_and_its_number(pdf_text: PdfText) -> None:
    entries = [entry(contact(f"Contact number {n}.", TUESDAY_NOON)) for n in range(30)]

    text = pdf_text(render(*entries))
    pages = text.count("\f")

    assert pages >= 2
    assert text.count("Communication record · C-014 · printed 15 January 2027") == pages
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text


def test_an_empty_record_says_so_calmly(pdf_text: PdfText) -> None:
    text = pdf_text(render())
    flat = one_line(text)

    assert EMPTY in flat
    assert "Zoë O'Brien-Łukasiewicz" in flat
    assert "Period covered" not in flat
    assert "Page 1 of 1" in flat
    assert text.count("\f") == 1


def test_canadian_practices_print_on_letter_paper() -> None:
    assert b"/MediaBox [ 0 0 612 792 ]" in render()


def test_a_naive_time_is_a_bug_not_a_guess() -> None:
    naive = contact("x", datetime(2026, 11, 20, 22, 40))  # noqa: DTZ001
    with pytest.raises(ValueError, match="timezone-aware"):
        render(RecordEntry(naive, None))
