"""The weekly review PDF: codes not names, no message text, the week's numbers, calm when empty."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
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
from boundary_desk.domain.misunderstanding import LongThread, misunderstanding_risks
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import (
    REFLECTION_PROMPTS,
    ReviewRecord,
    ReviewWarning,
    WeeklyReview,
    build_review,
)
from boundary_desk.domain.weekly import classify
from boundary_desk.domain.weeks import Week
from boundary_desk.reports.review.pdf import review_pdf
from boundary_desk.reports.review.words import DEIDENTIFIED, IDENTIFIED
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.services.review import compute_review

PdfText = Callable[..., str]

PRACTICE = PracticeSettings.from_values({
    "clinician": "Dr. Alex Rivera",
    "credentials": "MSW, RSW",
    "practice": "Harbour Counselling",
    "region": "CA-ON",
    "timezone": "America/Toronto",
    "hours": "mon-thu 09:00-17:00; fri 09:00-13:00",
})  # fmt: skip
WEEK = Week(2026, 47)  # Monday 16 to Sunday 22 November 2026; Toronto is UTC-5
CODES = {1: "ZM1", 2: "QR2"}
NAMES = {"ZM1": "Zoë Marker-Name", "QR2": "Quinn Rao-Ellison"}
# Text that lives in the vault but must never reach a de-identified page.
SUMMARY = "SUMMARY-MARKER-7731 she said her sister knows"
FOUND = "FOUND-MARKER-4410 wedding photos"
LOCATION = "LOCATION-MARKER-2209"
MOTIVE = "MOTIVE-MARKER-9302"
CONSULTED = "CONSULTED-MARKER-5518"
NEVER_PRINTED = (SUMMARY, FOUND, LOCATION, MOTIVE, CONSULTED)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def contact(client_id: int, at: datetime, event_id: int, **changes: object) -> ContactEvent:
    fields: dict[str, object] = {
        "client_id": client_id,
        "kind": EventKind.CONTACT,
        "occurred_at": at,
        "channel": ContactChannel.TEXT,
        "direction": Direction.IN,
        "category": Category.CLINICAL,
        "minutes": 5,
        "summary": SUMMARY,
        "id": event_id,
    }
    fields.update(changes)
    return ContactEvent(**fields)  # type: ignore[arg-type]


def search(client_id: int, at: datetime, event_id: int) -> ContactEvent:
    found = Search(SearchPurpose.CURIOSITY, Consent.NOT_OBTAINED, location=LOCATION, found=FOUND,
                   consulted=CONSULTED, motive=MOTIVE)  # fmt: skip
    return ContactEvent(client_id, EventKind.SEARCH, at, summary=SUMMARY, search=found, id=event_id)


def friend_request(client_id: int, at: datetime, event_id: int) -> ContactEvent:
    request = FriendRequest("Instagram", RequestAction.ACCEPTED)
    return ContactEvent(
        client_id, EventKind.FRIEND_REQUEST, at, summary=SUMMARY, request=request, id=event_id
    )


# W44 one contact, W45 two, W47 three (two of them after hours), plus a search
# and a friend request this week.
BUSY_EVENTS = (
    contact(1, utc(2026, 10, 28, 15), 1),
    contact(1, utc(2026, 11, 3, 15), 2),
    contact(2, utc(2026, 11, 4, 15), 3, channel=ContactChannel.EMAIL),
    contact(1, utc(2026, 11, 17, 15), 10, channel=ContactChannel.CALL, minutes=20),
    contact(1, utc(2026, 11, 21, 3, 40), 11),  # Friday 22:40 in Toronto
    contact(2, utc(2026, 11, 21, 3, 55), 12, direction=Direction.OUT),  # Friday 22:55
    search(1, utc(2026, 11, 20, 2, 10), 20),  # Thursday 21:10
    friend_request(2, utc(2026, 11, 18, 20), 21),  # Wednesday 15:00
)
WARNINGS = (
    ReviewWarning("after_hours", "ZM1", "This text message came at 22:40 on Friday, outside "
                  "your working hours.", 11),
    ReviewWarning("no_agreement", "QR2", "QR2 has no signed communication agreement yet.", 12,
                  acknowledged=True),
    ReviewWarning("search_curiosity", "ZM1", "This search for ZM1 was made out of curiosity, "
                  "which is not a clinical reason. Consider bringing it to supervision.", 20),
)  # fmt: skip
RECORD = ReviewRecord(
    reviewed_at=utc(2026, 11, 27, 21, 20),  # Friday 16:20 in Toronto
    notes="Quiet after Wednesday.",
    reflections={
        "availability": "I replied at 22:55 because <b>I</b> felt anxious & wanted it done.",
        "surveillance": "The search was curiosity; I'll bring it.",
    },
    supervision=("Late replies to QR2", "The search for ZM1"),
    actions={"11:after_hours": "raise in next session", "20:search_curiosity": "re-contract"},
)


def review_of(
    events: Sequence[ContactEvent] = BUSY_EVENTS,
    warnings: Sequence[ReviewWarning] = WARNINGS,
    record: ReviewRecord = RECORD,
    codes: dict[int, str] = CODES,
) -> WeeklyReview:
    return build_review(WEEK, classify(events, PRACTICE), codes, {1}, ["ZM1"], warnings, record)


def one_line(text: str) -> str:
    return " ".join(text.split())


def figures(pdf: bytes, pdf_text: PdfText) -> dict[str, int]:
    """The figures band read back as {first line of label: number}."""
    lines = pdf_text(pdf, layout=True).splitlines()
    for numbers, labels in itertools.pairwise(lines):
        if len(numbers.split()) == 5 and all(part.isdigit() for part in numbers.split()):
            names = re.split(r"\s{2,}", labels.strip())
            return dict(zip(names, map(int, numbers.split()), strict=True))
    raise AssertionError("no figures band")


def test_de_identified_copy_has_codes_and_figures_but_no_names_or_message_text(
    pdf_text: PdfText,
) -> None:
    pdf = review_pdf(review_of(), practice=PRACTICE)
    text = one_line(pdf_text(pdf))

    assert figures(pdf, pdf_text) == {
        "contacts": 3,
        "after hours": 2,
        "you replied or": 1,
        "minutes of contact": 30,
        "friend requests,": 2,
    }
    assert "Weekly boundary review" in text
    assert "16–22 November 2026 · ISO week 2026-W47" in text
    assert DEIDENTIFIED in text
    assert "Harbour Counselling" in text and "Dr. Alex Rivera, MSW, RSW" in text
    assert "ZM1" in text and "QR2" in text
    assert "(67% of contacts)" in text
    for secret in (*NAMES.values(), "Zoë", "Marker-Name", "Rao-Ellison", *NEVER_PRINTED):
        assert secret not in text


def test_identified_copy_names_each_client_and_still_leaves_out_message_text(
    pdf_text: PdfText,
) -> None:
    pdf = review_pdf(review_of(), practice=PRACTICE, names=NAMES, client_codes=CODES)
    text = one_line(pdf_text(pdf))

    assert IDENTIFIED in text
    assert DEIDENTIFIED not in text
    assert "ZM1 · Zoë Marker-Name" in text and "QR2 · Quinn Rao-Ellison" in text
    assert "identified copy" in text
    for secret in NEVER_PRINTED:
        assert secret not in text


def test_every_page_has_the_footer_and_page_x_of_y(pdf_text: PdfText) -> None:
    pages = pdf_text(review_pdf(review_of(), practice=PRACTICE)).split("\f")[:-1]

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        line = one_line(page)
        assert "Weekly boundary review · 2026-W47 (16–22 November 2026) · de-identified" in line
        assert f"Page {number} of {len(pages)}" in line


def test_the_trend_prints_its_numbers_under_the_chart(pdf_text: PdfText) -> None:
    text = pdf_text(review_pdf(review_of(), practice=PRACTICE), layout=True)
    rows = {
        label: re.search(rf"^\s*{label}((?:\s+\S+){{12}})\s*$", text, re.MULTILINE)
        for label in ("Contacts", "After hours", "After-hours share", "Minutes")
    }

    numbers = {label: found.group(1).split() for label, found in rows.items() if found}
    assert numbers["Contacts"] == ["0"] * 8 + ["1", "2", "0", "3"]
    assert numbers["After hours"] == ["0"] * 11 + ["2"]
    assert numbers["After-hours share"] == ["–"] * 8 + ["0%", "0%", "–", "67%"]
    assert numbers["Minutes"] == ["0"] * 8 + ["5", "10", "0", "30"]
    flat = one_line(text)
    assert "W36 31 Aug" in flat or ("W36" in flat and "31 Aug" in flat)
    assert "Contacts per week" in flat and "After-hours contacts" in flat
    assert "Across these weeks: 6 contacts, 2 after hours (33%)" in flat


def test_the_heatmap_labels_days_and_hours_and_prints_each_count(pdf_text: PdfText) -> None:
    text = pdf_text(review_pdf(review_of(), practice=PRACTICE), layout=True)

    rows = {m.group(1): m.group(2).split() for m in re.finditer(
        r"^\s*((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+)(.*)$", text, re.MULTILINE)}  # fmt: skip
    assert rows["Tue 17"] == ["1"]  # the 10:00 call
    assert rows["Fri 20"] == ["2"]  # 22:40 and 22:55 share an hour
    assert rows["Mon 16"] == [] and rows["Sun 22"] == []
    assert re.search(r"00\s+01\s+02.*22\s+23", text)
    flat = one_line(text)
    assert "Contacts in the hour:" in flat and "your working hours" in flat
    assert "Times are Toronto time (America/Toronto)" in flat
    assert "Monday to Thursday 9:00–17:00; Friday 9:00–13:00" in flat


def test_channels_clients_and_loose_ends_are_listed_by_code(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(review_pdf(review_of(), practice=PRACTICE)))

    assert "Text message 2" in text and "Phone call 1" in text
    assert "ZM1 2 1" in text and "QR2 1 1" in text  # contacts, after hours
    assert "Due for review: ZM1" in text
    assert "Contact this week but no signed agreement: QR2" in text


def test_warnings_show_the_message_and_the_chosen_action(pdf_text: PdfText) -> None:
    drift = ReviewWarning("practice_after_hours_drift", "", "Across your practice, it drifts.")
    rising = ReviewWarning("after_hours_trend", "QR2", "After-hours contact from QR2 is rising.")
    actions = {**RECORD.actions, "QR2:after_hours_trend": "note"}
    record = ReviewRecord(actions=actions)
    review = review_of(warnings=(*WARNINGS, drift, rising), record=record)
    text = one_line(pdf_text(review_pdf(review, practice=PRACTICE)))

    # Each warning's severity in words leads its cell; "re-contract" reads in plain words.
    assert "ZM1 Needs attention This text message came at 22:40 on Friday, outside your " \
           "working hours. Raise in next session" in text  # fmt: skip
    assert "QR2 has no signed communication agreement yet. Acknowledged" in text
    assert "ZM1 Serious This search for ZM1" in text
    assert "Consider bringing it to supervision. Revisit the agreement" in text
    assert "Re-contract" not in text
    assert "Practice Needs attention Across your practice, it drifts. None chosen" in text
    assert "QR2 Needs attention After-hours contact from QR2 is rising. Note" in text


def test_searches_and_requests_show_when_purpose_and_action_never_what_was_found(
    pdf_text: PdfText,
) -> None:
    pdf = review_pdf(review_of(), practice=PRACTICE, client_codes=CODES)
    text = one_line(pdf_text(pdf))

    assert "Wed 18 Nov, 15:00 QR2 Friend request on Instagram: accepted." in text
    assert "Thu 19 Nov, 21:10 after hours ZM1 Online search." in text
    assert "Purpose: curiosity; consent: not obtained; client told: no; documented: no." in text
    for secret in NEVER_PRINTED:
        assert secret not in text


def test_a_search_or_request_is_coded_from_its_warning_when_codes_are_not_given(
    pdf_text: PdfText,
) -> None:
    text = one_line(pdf_text(review_pdf(review_of(), practice=PRACTICE)))

    assert "21:10 after hours ZM1 Online search." in text  # its curiosity warning names ZM1
    assert "15:00 code not known Friend request" in text  # no warning, no code given


def test_reflections_supervision_and_notes_print_as_written(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(review_pdf(review_of(), practice=PRACTICE)))

    for _, question in REFLECTION_PROMPTS:
        assert question in text
    assert "I replied at 22:55 because <b>I</b> felt anxious & wanted it done." in text
    assert "The search was curiosity; I'll bring it." in text
    assert text.count("Not answered.") == len(REFLECTION_PROMPTS) - 2
    assert "• Late replies to QR2 • The search for ZM1" in text
    assert "Quiet after Wednesday." in text
    assert "Marked reviewed on Friday 27 November 2026 at 16:20." in text
    # The supervision copy's lead says what was done to these texts (issue 13: it used to
    # ask the clinician to check for names, which the export now replaces itself).
    assert "your clients' names, numbers, email addresses and handles are replaced" in text
    assert "Other people's names are printed as you wrote them." in text


def test_markup_in_names_prints_literally_in_the_identified_copy(pdf_text: PdfText) -> None:
    names = {"ZM1": "<b>Zoë</b> & Co", "QR2": "Quinn <i>R</i>"}
    text = one_line(pdf_text(review_pdf(review_of(), practice=PRACTICE, names=names)))

    assert "ZM1 · <b>Zoë</b> & Co" in text
    assert "QR2 · Quinn <i>R</i>" in text


def test_an_empty_week_renders_calmly_on_few_pages(pdf_text: PdfText) -> None:
    review = build_review(WEEK, [], {}, set(), [], [], ReviewRecord())
    pdf = review_pdf(review, practice=PRACTICE)
    pages = pdf_text(pdf).split("\f")[:-1]
    text = one_line(" ".join(pages))

    assert len(pages) <= 2
    assert set(figures(pdf, pdf_text).values()) == {0}
    assert "(no contacts)" in text
    assert "No contacts were logged in the last 12 weeks, so there is no trend." in text
    assert "No contacts were logged this week." in text
    assert "No warnings this week." in text
    assert "Due for review: none" in text
    assert "None this week." in text
    assert text.count("Not answered.") == len(REFLECTION_PROMPTS)
    assert "Nothing listed." in text and "No notes." in text
    assert "This week has not been marked reviewed yet." in text
    assert "When contact came" not in text  # no empty grid


def test_a_quiet_week_after_busy_ones_still_shows_the_trend(pdf_text: PdfText) -> None:
    earlier = [e for e in BUSY_EVENTS if Week.of(e.occurred_at, PRACTICE.timezone) != WEEK]
    text = one_line(pdf_text(review_pdf(review_of(earlier, warnings=()), practice=PRACTICE)))

    assert "Across these weeks: 3 contacts, 0 after hours (0%)" in text
    assert "No contacts were logged this week." in text


def test_a_single_contact_is_counted_in_the_singular(pdf_text: PdfText) -> None:
    one = [BUSY_EVENTS[0]]
    text = one_line(pdf_text(review_pdf(review_of(one, warnings=()), practice=PRACTICE)))

    assert "Across these weeks: 1 contact, " in text
    assert "1 contacts" not in text


def test_many_clients_split_across_pages_and_all_appear(pdf_text: PdfText) -> None:
    codes = {n: f"C{n:03d}" for n in range(1, 41)}
    events = [contact(n, utc(2026, 11, 17, 15), n) for n in codes]
    review = review_of(events, warnings=(), record=ReviewRecord(), codes=codes)
    text = one_line(pdf_text(review_pdf(review, practice=PRACTICE)))

    assert all(f"{code} 1 0" in text for code in codes.values())


def test_paper_follows_the_practice_country_and_output_is_repeatable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Made at the same moment: the creation time is the one thing that changes with the clock.
    moment = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)
    monkeypatch.setattr("boundary_desk.reports.document.made_now", lambda: moment)
    german = PracticeSettings.from_values({"region": "DE", "timezone": "Europe/Berlin"})
    canadian = review_pdf(review_of(), practice=PRACTICE)

    assert b"/MediaBox [ 0 0 612 792 ]" in canadian  # US Letter in Canada
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in review_pdf(review_of(), practice=german)
    assert canadian == review_pdf(review_of(), practice=PRACTICE)


def test_a_week_from_the_vault_keeps_names_and_summaries_off_the_page(
    services: Services, pdf_text: PdfText
) -> None:
    for key, value in (("timezone", "America/Toronto"), ("region", "CA-ON"),
                       ("hours", "mon-thu 09:00-17:00; fri 09:00-13:00")):  # fmt: skip
        services.settings.set(key, value)
    client = services.clients.add(Client(code="", display_name="Zoë Marker-Name"))
    client_id = client.id or 0
    now = utc(2026, 11, 27, 21)
    for event in (contact(client_id, utc(2026, 11, 21, 3, 40), 0),
                  search(client_id, utc(2026, 11, 20, 2, 10), 0)):  # fmt: skip
        log_event(services, replace(event, id=None), now)
    review = compute_review(services, WEEK, now)
    text = one_line(pdf_text(review_pdf(review, practice=services.settings.load())))

    assert review.warnings  # real warnings, worded by the real rules
    assert review.misunderstanding_risk  # the clinical text
    section = risk_section(text)
    assert f"Fri 20 Nov, 22:40 {client.code}" in section
    assert "Text message" in section and "A text message is lean" in section
    assert "Check in session?" in section
    assert client.code in text
    assert "Online search." in text and f"{client.code} Online search." in text
    for secret in ("Zoë", "Marker-Name", *NEVER_PRINTED):
        assert secret not in text


def test_messages_at_risk_show_when_who_channel_why_and_the_action(pdf_text: PdfText) -> None:
    in_week = [e for e in BUSY_EVENTS if Week.of(e.occurred_at, PRACTICE.timezone) == WEEK]
    risks = misunderstanding_risks(in_week, PRACTICE.channel_profiles, CODES, LongThread())
    record = replace(RECORD, actions={**RECORD.actions, "11:lean-channel": "check in session"})
    review = replace(review_of(record=record), misunderstanding_risk=risks)
    text = one_line(pdf_text(review_pdf(review, practice=PRACTICE)))
    section = risk_section(text)

    for header in ("When", "Client", "Channel", "Why", "Your action"):
        assert header in section
    assert "Fri 20 Nov, 22:40 ZM1" in section and "Fri 20 Nov, 22:55 QR2" in section
    assert section.count("A text message is lean and carried clinical") == 2
    assert section.count("Text message") == 2
    # ZM1's is decided; QR2's still asks.
    assert section.count("Check in session?") == 1
    assert section.count("Check in session") == 2
    assert "Zoë" not in text and SUMMARY not in text
    named = risk_section(one_line(pdf_text(review_pdf(review, practice=PRACTICE, names=NAMES))))
    assert "ZM1 · Zoë Marker-Name" in named


def risk_section(text: str) -> str:
    """The text from the section's heading to the next section's."""
    start = text.index("Messages at risk of misunderstanding")
    return text[start : text.index("Agreements Due for review", start)]


def test_a_week_with_none_at_risk_says_so(pdf_text: PdfText) -> None:
    text = one_line(pdf_text(review_pdf(review_of(), practice=PRACTICE)))
    # The section may close a page: its footer follows it.
    shown = risk_section(text).split(" Weekly boundary review ·", 1)[0].strip()
    assert shown == "Messages at risk of misunderstanding None this week."


def test_in_a_week_that_starts_on_sunday_the_heatmap_prints_sunday_first(
    pdf_text: PdfText,
) -> None:
    practice = replace(PRACTICE, week_start_day=6)
    week = Week(2026, 47, 6)  # Sunday 15 to Saturday 21 November 2026
    events = (
        contact(1, utc(2026, 11, 15, 15), 1),  # Sunday 10:00 in Toronto
        contact(1, utc(2026, 11, 21, 15), 2),  # Saturday 10:00
    )
    review = build_review(week, classify(events, practice), CODES, {1}, ["ZM1"], (), RECORD)
    text = pdf_text(review_pdf(review, practice=practice), layout=True)
    days = re.findall(r"^\s*((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+)", text, re.MULTILINE)
    assert days == ["Sun 15", "Mon 16", "Tue 17", "Wed 18", "Thu 19", "Fri 20", "Sat 21"]
    rows = {m.group(1): m.group(2).split() for m in re.finditer(
        r"^\s*((?:Sun|Sat) \d+)(.*)$", text, re.MULTILINE)}  # fmt: skip
    assert rows["Sun 15"] == ["1"] and rows["Sat 21"] == ["1"]


@pytest.mark.usefixtures("english_after")
@pytest.mark.parametrize("language", ["en", "fr", "he"])
def test_the_trend_numbers_labels_fit_their_column_in_every_language(language: str) -> None:
    """ "Part hors des heures" ran into the first week's "9 %"."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from boundary_desk.reports.fonts import SANS, register_fonts
    from boundary_desk.reports.review.trend import numbers_label_width
    from boundary_desk.system import i18n

    register_fonts()
    i18n.set_language(language)
    column = numbers_label_width(24 * mm)
    labels = [i18n._(m) for m in ("Contacts", "After hours", "After-hours share", "Minutes")]
    assert column >= 24 * mm
    assert all(stringWidth(label, SANS, 7.5) + 1.5 * mm <= column for label in labels)
