"""Loose ends of the week: agreements due, contact without an agreement, searches, requests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from boundary_desk.domain.review import WeeklyReview
from boundary_desk.domain.vocabulary.calendar_names import weekday_day_month
from boundary_desk.domain.vocabulary.labels import CONSENT_PHRASES, SEARCH_PURPOSE_LABELS, shown
from boundary_desk.domain.weekly import Classified
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.review.figures import client_words
from boundary_desk.ui.widgets.style import label

NONE_THIS_WEEK = N_("None this week.")


def moment_words(item: Classified) -> str:
    """ "Fri 20 Nov, 22:40" in the practice's time."""
    return f"{weekday_day_month(item.local.date())}, {item.local:%H:%M}"


def search_line(item: Classified, names: Mapping[str, str], codes: Mapping[int, str]) -> str:
    who = client_words(codes.get(item.event.client_id, "?"), names)
    search = item.event.search
    if search is None:
        return f"{moment_words(item)} · {who}"
    facts = [
        _("purpose: {purpose}").format(purpose=shown(SEARCH_PURPOSE_LABELS[search.purpose])),
        shown(CONSENT_PHRASES[search.consent]),
        _("documented") if search.documented else _("not documented"),
        _("client told") if search.told_client else _("client not told"),
    ]
    return f"{moment_words(item)} · {who} · " + ", ".join(facts)


def request_line(item: Classified, names: Mapping[str, str], codes: Mapping[int, str]) -> str:
    who = client_words(codes.get(item.event.client_id, "?"), names)
    request = item.event.request
    if request is None:
        return f"{moment_words(item)} · {who}"
    return f"{moment_words(item)} · {who} · {request.platform}, {request.action.value}"


class LooseEnds(QWidget):
    """Four short lists under plain headings; "None this week." where a list is empty."""

    # English, as the lists are keyed; each shown in the clinician's language.
    HEADINGS = (
        N_("Agreements due for review"),
        N_("Contact but no signed agreement"),
        N_("Searches you made"),
        N_("Friend requests"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        self.lists: dict[str, QLabel] = {}
        for index, heading in enumerate(self.HEADINGS):
            row, column = divmod(index, 2)
            grid.addWidget(label(_(heading), "sectionLabel"), row * 2, column)
            body = label("", selectable=True)
            grid.addWidget(body, row * 2 + 1, column)
            self.lists[heading] = body
            grid.setColumnStretch(column, 1)
        grid.setRowMinimumHeight(2, 28)

    def show_review(
        self, review: WeeklyReview, names: Mapping[str, str], codes: Mapping[int, str]
    ) -> None:
        def lines(items: Sequence[str]) -> str:
            return "\n".join(items) if items else _(NONE_THIS_WEEK)

        self.lists["Agreements due for review"].setText(
            lines([client_words(c, names) for c in review.agreements_due])
        )
        self.lists["Contact but no signed agreement"].setText(
            lines([client_words(c, names) for c in review.unsigned_with_contacts])
        )
        self.lists["Searches you made"].setText(
            lines([search_line(s, names, codes) for s in review.searches])
        )
        self.lists["Friend requests"].setText(
            lines([request_line(r, names, codes) for r in review.friend_requests])
        )
        for body in self.lists.values():
            body.setObjectName("muted" if body.text() == _(NONE_THIS_WEEK) else "")
            body.style().unpolish(body)
            body.style().polish(body)
