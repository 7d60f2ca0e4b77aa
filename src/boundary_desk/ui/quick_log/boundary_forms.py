"""The boundary events: a friend request, an online search, a client approaching the clinician."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QVBoxLayout, QWidget

from boundary_desk.domain.event_rules import (
    FRIEND_REQUEST_NEEDS,
    MAX_SUMMARY,
    SEARCH_NEEDS,
    SUMMARY_LIMIT_START,
)
from boundary_desk.domain.events import (
    Approach,
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
from boundary_desk.domain.vocabulary.labels import (
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    shown,
)
from boundary_desk.domain.words import capitalised
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.quick_log.fields import FieldProblem, LocalTime, choice_combo, select_data
from boundary_desk.ui.quick_log.forms import (
    Draft,
    EventForm,
    checked_line,
    flag_of,
    line_edit,
    summary_edit,
    text_of,
    to_qdate,
    translated,
)
from boundary_desk.ui.widgets.style import label

PLATFORMS = ("Facebook", "Instagram", "LinkedIn", "TikTok", "X")
CONSENT_CHOICES = (
    (N_("The client agreed"), Consent.OBTAINED),
    (N_("Not asked, or the client didn't agree"), Consent.NOT_OBTAINED),
    (N_("Couldn't ask: imminent risk"), Consent.IMMINENT_RISK),
)
MINIMUM_NECESSARY = N_(
    "Record the minimum necessary: only what matters for the client's care and safety."
)
SEARCH_SOURCE = N_(
    "The six questions of Clinton, Silverman & Brendel (2010), answered for the record."
)


def action_choices() -> tuple[tuple[str, RequestAction], ...]:
    """What the clinician did with a request, in the app's language ("Declined")."""
    return tuple((capitalised(shown(REQUEST_ACTION_LABELS[a])), a) for a in RequestAction)


def purpose_choices() -> tuple[tuple[str, SearchPurpose], ...]:
    """Why the clinician searched, in the app's language ("Risk assessment")."""
    return tuple((capitalised(shown(SEARCH_PURPOSE_LABELS[p])), p) for p in SearchPurpose)


class FriendRequestForm(EventForm):
    """A friend, follow or connection request from the client."""

    kind = EventKind.FRIEND_REQUEST

    def __init__(self, local: LocalTime, parent: QWidget | None = None) -> None:
        super().__init__(local, parent)
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.addItems(PLATFORMS)
        self.platform.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.platform.setAccessibleName(_("Platform"))
        platform_edit = self.platform.lineEdit()
        if platform_edit is not None:
            platform_edit.setPlaceholderText(_("Instagram, or type another"))
        self.action = choice_combo(action_choices(), _("What you did"))
        self.discussed_on = QDateEdit()
        self.discussed_on.setCalendarPopup(True)
        self.discussed_on.setDisplayFormat("d MMM yyyy")
        self.discussed_on.setAccessibleName(_("Discussed in session on"))
        self.summary = summary_edit(
            _("Optional: who sent it (their own account?) and anything worth noting."),
            _("Notes"),
            lines=3,
        )
        discussed = QHBoxLayout()
        discussed.setSpacing(12)
        self.discussed_label = label(_("Discussed on"), "muted")
        discussed.addWidget(self.action, 1)
        discussed.addWidget(self.discussed_label)
        discussed.addWidget(self.discussed_on)
        self.form.addRow(_("When"), self.when)
        self.form.addRow(_("Platform"), self.platform)
        self.form.addRow(_("What you did"), discussed)
        self.form.addRow(_("Notes"), self.summary)
        self._watch(self.platform, self.action, self.discussed_on, self.summary)
        self.action.currentIndexChanged.connect(self._action_changed)
        self._fields += [
            (_("The platform"), self.platform),
            (_(FRIEND_REQUEST_NEEDS), self.platform),
            (_(SUMMARY_LIMIT_START), self.summary),
        ]
        self.restore({})

    def first_field(self) -> QWidget:
        return self.platform

    def build_event(self, client_id: int) -> ContactEvent:
        action = RequestAction(self.action.currentData())
        day = self.discussed_on.date()
        return ContactEvent(
            client_id=client_id,
            kind=EventKind.FRIEND_REQUEST,
            occurred_at=self.when.moment(),
            channel=ContactChannel.DM,
            direction=Direction.IN,
            summary=self.summary.toPlainText(),
            request=FriendRequest(
                self.platform.currentText(),
                action,
                date(day.year(), day.month(), day.day())
                if action is RequestAction.DISCUSSED
                else None,
            ),
        )

    def state(self) -> Draft:
        return {
            "when": self.when.text(),
            "platform": self.platform.currentText(),
            "action": self.action.currentData(),
            "discussed_on": self.discussed_on.date().toString(Qt.DateFormat.ISODate),
            "summary": self.summary.toPlainText(),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        today = self.local.today()
        self.when.set_text(text_of(state, "when"))
        self.platform.setCurrentIndex(-1)
        self.platform.setEditText(text_of(state, "platform"))
        self.action.setCurrentIndex(0)
        select_data(self.action, state.get("action"))
        # A discussion already happened: the date can't be later than today.
        self.discussed_on.setMaximumDate(to_qdate(today))
        saved = QDate.fromString(text_of(state, "discussed_on"), Qt.DateFormat.ISODate)
        self.discussed_on.setDate(saved if saved.isValid() else to_qdate(today))
        self.summary.setPlainText(text_of(state, "summary"))
        self._action_changed()

    def _action_changed(self) -> None:
        discussed = self.action.currentData() == RequestAction.DISCUSSED
        self.discussed_on.setVisible(discussed)
        self.discussed_label.setVisible(discussed)


class SearchForm(EventForm):
    """A search the clinician made for the client, as six questions."""

    kind = EventKind.SEARCH

    def __init__(self, local: LocalTime, parent: QWidget | None = None) -> None:
        super().__init__(local, parent)
        self.purpose = choice_combo(purpose_choices(), _("Why you searched"), _("Choose a reason"))
        self.consent = choice_combo(translated(CONSENT_CHOICES), _("Consent"), _("Choose one"))
        self.location = line_edit(_("e.g. Google, Instagram, a news site"), _("Where you searched"))
        self.found = summary_edit(
            _("Only what the search showed that matters"), _("What you found"), 3
        )
        self.told = QCheckBox(_("I told the client what I found"))
        self.documented = QCheckBox(_("I documented the search in their record"))
        self.consulted = line_edit(
            _("e.g. my supervisor (leave empty if no one)"), _("Who you consulted")
        )
        self.motive = line_edit(
            _("One honest line: why did you want to look?"), _("Your own motive")
        )
        shared = QVBoxLayout()
        shared.setSpacing(6)
        shared.addWidget(self.told)
        shared.addWidget(self.documented)
        found = QVBoxLayout()
        found.setSpacing(4)
        found.addWidget(self.found)
        found.addWidget(label(_(MINIMUM_NECESSARY), "help"))
        self.form.addRow("", label(_(SEARCH_SOURCE), "help"))
        self.form.addRow(_("When"), self.when)
        self.form.addRow(_("1 · Why search?"), self.purpose)
        self.form.addRow(_("2 · Consent"), self.consent)
        self.form.addRow(_("3 · Where"), self.location)
        self.form.addRow(_("What you found"), found)
        self.form.addRow(_("4 · Shared"), shared)
        self.form.addRow(_("5 · Consulted"), self.consulted)
        self.form.addRow(_("6 · Your motive"), self.motive)
        self._watch(
            self.purpose, self.consent, self.location, self.found, self.told,
            self.documented, self.consulted, self.motive,
        )  # fmt: skip
        self._fields += [
            (_("Where you searched"), self.location),
            (_("Who you consulted"), self.consulted),
            (_("Your motive"), self.motive),
            (_(SEARCH_NEEDS), self.purpose),
        ]
        self.restore({})

    def first_field(self) -> QWidget:
        return self.purpose

    def build_event(self, client_id: int) -> ContactEvent:
        if self.purpose.currentIndex() < 0:
            raise FieldProblem(_("Say why you searched (question 1)."), self.purpose)
        if self.consent.currentIndex() < 0:
            raise FieldProblem(_("Say whether the client consented (question 2)."), self.consent)
        found = self.found.toPlainText().strip()
        if len(found) > MAX_SUMMARY:
            # The event rules would cut it short silently; say so instead.
            too_long = _(
                "What you found can be at most {limit} characters (this has {length})."
            ).format(limit=f"{MAX_SUMMARY:,}", length=f"{len(found):,}")
            raise FieldProblem(f"{too_long} {_(MINIMUM_NECESSARY)}", self.found)
        return ContactEvent(
            client_id=client_id,
            kind=EventKind.SEARCH,
            occurred_at=self.when.moment(),
            direction=Direction.OUT,
            search=Search(
                purpose=SearchPurpose(self.purpose.currentData()),
                consent=Consent(self.consent.currentData()),
                location=self.location.text(),
                found=found,
                told_client=self.told.isChecked(),
                documented=self.documented.isChecked(),
                consulted=self.consulted.text(),
                motive=self.motive.text(),
            ),
        )

    def state(self) -> Draft:
        return {
            "when": self.when.text(),
            "purpose": self.purpose.currentData(),
            "consent": self.consent.currentData(),
            "location": self.location.text(),
            "found": self.found.toPlainText(),
            "told": self.told.isChecked(),
            "documented": self.documented.isChecked(),
            "consulted": self.consulted.text(),
            "motive": self.motive.text(),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self.when.set_text(text_of(state, "when"))
        self.purpose.setCurrentIndex(-1)
        select_data(self.purpose, state.get("purpose"))
        self.consent.setCurrentIndex(-1)
        select_data(self.consent, state.get("consent"))
        self.location.setText(text_of(state, "location"))
        self.found.setPlainText(text_of(state, "found"))
        self.told.setChecked(flag_of(state, "told"))
        self.documented.setChecked(flag_of(state, "documented"))
        self.consulted.setText(text_of(state, "consulted"))
        self.motive.setText(text_of(state, "motive"))


class ApproachForm(EventForm):
    """The client searched for the clinician or turned up in their personal life."""

    kind = EventKind.CLIENT_APPROACH

    def __init__(self, local: LocalTime, parent: QWidget | None = None) -> None:
        super().__init__(local, parent)
        self.summary = summary_edit(
            _("e.g. They said they had found my personal Instagram; we met at the gym."),
            _("What happened"),
        )
        self.learned_how = line_edit(
            _("e.g. they told me in session; a colleague mentioned it"),
            _("How you learned of it"),
        )
        self.raise_next = QCheckBox(_("Raise in the next session"))
        self.form.addRow(_("When"), self.when)
        self.form.addRow(_("What happened"), self.summary)
        self.form.addRow(_("How you learned"), self.learned_how)
        self.form.addRow("", self.raise_next)
        self._watch(self.summary, self.learned_how, self.raise_next)
        self._fields += [(_(SUMMARY_LIMIT_START), self.summary)]
        self.restore({})

    def first_field(self) -> QWidget:
        return self.summary

    def build_event(self, client_id: int) -> ContactEvent:
        learned = checked_line(
            self.learned_how.text(),
            label_text=_("How you learned of it"),
            max_len=300,
            field=self.learned_how,
        )
        return ContactEvent(
            client_id=client_id,
            kind=EventKind.CLIENT_APPROACH,
            occurred_at=self.when.moment(),
            direction=Direction.IN,
            summary=self.summary.toPlainText(),
            raise_next_session=self.raise_next.isChecked(),
            approach=Approach(learned),
        )

    def state(self) -> Draft:
        return {
            "when": self.when.text(),
            "summary": self.summary.toPlainText(),
            "learned_how": self.learned_how.text(),
            "raise": self.raise_next.isChecked(),
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        self.when.set_text(text_of(state, "when"))
        self.summary.setPlainText(text_of(state, "summary"))
        self.learned_how.setText(text_of(state, "learned_how"))
        self.raise_next.setChecked(flag_of(state, "raise"))
