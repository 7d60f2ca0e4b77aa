"""The weekly boundary review as pages to take to clinical supervision.

De-identified by default: clients appear by code only, and no message summary or
search finding is printed. With `names` it becomes the clinician's own identified
copy. The reflections, supervision list and notes are printed as given: for the
supervision copy, services have already replaced clients' names in them by codes.
Charts use the Okabe–Ito blue and orange, with a hatch and the numbers printed
beside them, so they still read on a black-and-white printer.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from boundary_desk.domain.agreement_document import letterhead_lines
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.review import WeeklyReview
from boundary_desk.domain.vocabulary.calendar_names import week_span
from boundary_desk.reports.document import build_pdf, content_size, page_size_for_country
from boundary_desk.reports.letterhead import letterhead
from boundary_desk.reports.review.sections import ReviewPage
from boundary_desk.reports.review.styles import review_styles
from boundary_desk.reports.review.words import TITLE
from boundary_desk.system.i18n import _, is_right_to_left


def review_pdf(
    review: WeeklyReview,
    *,
    practice: PracticeSettings,
    names: Mapping[str, str] | None = None,
    client_codes: Mapping[int, str] | None = None,
) -> bytes:
    """The week's review as PDF bytes: de-identified unless `names` ({code: name}) is given.

    `client_codes` ({client id: code}) says whose each search and friend request was.
    """
    rtl = is_right_to_left()
    styles = review_styles(rtl=rtl)
    pagesize = page_size_for_country(practice.region.country)
    codes = _client_codes(review, client_codes or {})
    page = ReviewPage(review, practice, names, codes, styles, content_size(pagesize)[0])
    story: list[Flowable] = [
        *letterhead(letterhead_lines(practice), styles, space_after=6 * mm),
        *page.title_block(),
        *page.figures(),
        *page.trend(),
        *page.heatmap(),
        *page.breakdown(),
        *page.preferred_channels(),
        *page.warnings(),
        *page.misunderstanding(),
        *page.agreements(),
        *page.searches_and_requests(),
        *page.reflections(),
        *page.supervision_and_notes(),
    ]
    kind = _("identified copy") if names is not None else _("de-identified")
    title = _(TITLE)
    return build_pdf(
        story,
        title=f"{title} · {review.week}",
        footer_left=f"{title} · {_latin(str(review.week), rtl)} "
        f"({week_span(review.week.first_day)}) · {kind}",
        pagesize=pagesize,
        page_words=_("Page {number} of {total}"),
        right_to_left=rtl,
    )


def _latin(code: str, rtl: bool) -> str:
    """A code such as "2026-W47" kept whole, left to right, inside right-to-left text (the
    mark after it keeps the numbers that follow in the Hebrew run)."""
    return f"\u202a{code}\u202c\u200f" if rtl else code


def _client_codes(review: WeeklyReview, given: Mapping[int, str]) -> dict[int, str]:
    """Client id to code for the week's searches and friend requests.

    WeeklyReview keeps codes only with contacts and warnings, so without `given` a
    client's code comes from a warning stored with one of their searches or requests.
    """
    clients = {
        item.event.id: item.event.client_id
        for item in (*review.searches, *review.friend_requests)
        if item.event.id is not None
    }
    found: dict[int, str] = {}
    for warning in review.warnings:
        if warning.event_id in clients and warning.client:
            found.setdefault(clients[warning.event_id], warning.client)
    return {**found, **given}
