"""The import's questions, asked only when the file can't answer them itself.

A chat export: which participant is the clinician, which client each other person is,
the zone the phone was in (chat times carry none), and the order of day and month when
the file couldn't decide. A file of contact cards: which client each card is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.domain.region import Region
from boundary_desk.services.imports import ImportChoices, ImportQuestions, SourceKind
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.settings.places import ZonePicker
from boundary_desk.ui.widgets.reflow import OneLineFirst, VerticalScroll
from boundary_desk.ui.widgets.style import InlineMessage, label, screen_reader_label, vbox

NOT_A_CLIENT = N_("Not a client")
CHOOSE_ME = N_("Choose which one is you")
DATE_ORDERS = (
    ("day-first", N_("Day first (31/12/2026)")),
    ("month-first", N_("Month first (12/31/2026)")),
    ("year-first", N_("Year first (2026/12/31)")),
)
UNDECIDED_ORDER = N_(
    "No date in this chat shows whether the day or the month comes first, so the order "
    "usual in your region is chosen. Check it against a date on the phone."
)
CHAT_INTRO = N_(
    "A WhatsApp chat names people as the phone did. Say which one is you and which are "
    "your clients; everyone else's messages are left out."
)
EXPORT_INTRO = N_(
    "This export doesn't say which of the people writing is you. Say which one is you and "
    "which are your clients; everyone else's messages are left out."
)
CARDS_INTRO = N_(
    "Say which client each contact card belongs to. Their phone numbers and e-mail "
    "addresses are added to that client; cards left as Not a client are skipped and "
    "nothing of them is kept."
)
WHATSAPP = (SourceKind.WHATSAPP_TEXT, SourceKind.WHATSAPP_ZIP)
FIELD_WIDTH = 320
NOTE_WIDTH = 480
LABEL_WIDTH = 260  # a long participant name wraps rather than pushing the fields off
ZONE_HELP = N_("Chat times are as the phone showed them; they are read in this zone.")


def people(found: ImportQuestions) -> tuple[str, ...]:
    """Who to ask about: a chat's participants, or every contact card's name."""
    return found.participants


def needs_asking(found: ImportQuestions) -> bool:
    """Whether the file left anything for the clinician to answer before the preview."""
    return bool(people(found)) or found.needs_zone or not found.date_order_decided


def client_choice(clients: Sequence[Client], parent: QWidget, name: str) -> QComboBox:
    """A client, by name and code, or Not a client; each item's data is the client's code."""
    box = QComboBox(parent)
    box.addItem(_(NOT_A_CLIENT), "")
    for client in clients:
        box.addItem(f"{client.display_name} ({client.code})", client.code)
    box.setAccessibleName(name)
    box.setMinimumWidth(FIELD_WIDTH)
    screen_reader_label(box)
    return box


class QuestionsStep(QWidget):
    """Asks what `found` leaves open, its suggestions chosen; `choices()` reads the answers."""

    answered = Signal()  # an answer changed (the dialog asks `complete()`)

    def __init__(
        self,
        found: ImportQuestions,
        clients: Sequence[Client],
        practice_zone: str,
        region: Region | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.found = found
        self.chat = found.kind is not SourceKind.VCARD
        # Only a chat export's local dates need their order (a download's are instants).
        self.dated = self.chat and bool(found.date_order)
        self.me = QComboBox(self)
        self.me.setAccessibleName(_("Which one is you?"))
        screen_reader_label(self.me)
        self.me.addItems(list(found.participants))
        self.me.setMinimumWidth(FIELD_WIDTH)
        self.me.setPlaceholderText(_(CHOOSE_ME))
        # No guess, no default: a client taken for the clinician would turn every message round.
        self.me.setCurrentIndex(self.me.findText(found.suggested_me) if found.suggested_me else -1)
        self.ties = {
            person: client_choice(clients, self, _("Who is {person}?").format(person=person))
            for person in people(found)
        }
        for person, box in self.ties.items():
            box.setCurrentIndex(max(box.findData(found.suggested_ties.get(person, "")), 0))
        self.zone = ZonePicker(self)
        self.zone.set_region(region)
        self.zone.set_value(practice_zone)
        self.zone.box.setAccessibleName(_("The phone's time zone"))
        self.date_order = QComboBox(self)
        for value, text in DATE_ORDERS:
            self.date_order.addItem(_(text), value)
        self.date_order.setCurrentIndex(max(self.date_order.findData(found.date_order), 0))
        self.date_order.setAccessibleName(_("Dates in the chat"))
        self.date_order.setMinimumWidth(FIELD_WIDTH)
        screen_reader_label(self.date_order)
        self.order_note = InlineMessage("note", self)
        self.order_note.show_message("" if found.date_order_decided else _(UNDECIDED_ORDER))
        self._lay_out()
        self.me.currentIndexChanged.connect(self._me_changed)
        self._me_changed()

    def _lay_out(self) -> None:
        host = QWidget(self)
        self.form = QFormLayout(host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        asks_me = self.chat and bool(self.found.participants)
        if asks_me:
            self.form.addRow(self._row_label(_("Which one is you?")), self.me)
        self.me.setVisible(asks_me)
        for person, box in self.ties.items():
            shown = person if self.chat else _("Card: {person}").format(person=person)
            self.form.addRow(self._row_label(shown), box)
        self.zone.setVisible(self.found.needs_zone)
        if self.found.needs_zone:
            self.form.addRow(self._row_label(_("The phone's time zone")), self.zone)
            zone_help = label(_(ZONE_HELP), "muted")
            zone_help.setMinimumWidth(NOTE_WIDTH)
            self.form.addRow("", zone_help)
        self.date_order.setVisible(self.dated)
        if self.dated:
            self.form.addRow(self._row_label(_("Dates in the chat")), self.date_order)
            self.form.addRow("", self.order_note)
        self.order_note.setMinimumWidth(NOTE_WIDTH)
        layout = vbox(self, 12)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(self._intro()))
        layout.addWidget(VerticalScroll(host), 1)

    def _intro(self) -> str:
        if not self.chat:
            return _(CARDS_INTRO)
        return _(CHAT_INTRO) if self.found.kind in WHATSAPP else _(EXPORT_INTRO)

    def _row_label(self, text: str) -> QWidget:
        """A question's label, level with its field (a name is never read as markup)."""
        made = OneLineFirst(text)
        made.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        made.setMinimumHeight(self.date_order.sizeHint().height())
        made.setMaximumWidth(LABEL_WIDTH)
        return made

    def _me_changed(self) -> None:
        """The clinician's own row can't be a client: it is hidden while chosen as "you"."""
        me = self._me()
        for person, box in self.ties.items():
            self.form.setRowVisible(box, person != me)
        self.answered.emit()

    def complete(self) -> bool:
        """Whether the preview can be made: a chat needs to know which one is you."""
        return not (self.chat and self.found.participants) or self.me.currentIndex() >= 0

    def _me(self) -> str:
        return self.me.currentText() if self.chat and self.found.participants else ""

    def choices(self, base: ImportChoices) -> ImportChoices:
        """`base` with what was chosen here: who is you, who is whom (Not a client said so
        explicitly, so a name like a client's is not matched), the zone, the order."""
        me = self._me()
        ties = dict(base.ties)
        not_clients = set(base.not_clients)
        for person, box in self.ties.items():
            ties.pop(person, None)
            not_clients.discard(person)
            if person == me:
                continue
            if box.currentData():
                ties[person] = box.currentData()
            else:
                not_clients.add(person)
        zone = self.zone.value() if self.found.needs_zone else base.zone
        order = self.date_order.currentData() if self.dated else base.date_order
        return replace(
            base,
            me=me,
            ties=ties,
            not_clients=frozenset(not_clients),
            zone=zone,
            date_order=order,
        )

    def controls(self) -> list[QWidget]:
        """The questions' fields in reading order, for the dialog's Tab order."""
        me = [self.me] if self.me.isVisibleTo(self) else []
        zone = [self.zone.box] if self.found.needs_zone else []
        order = [self.date_order] if self.dated else []
        return [*me, *self.ties.values(), *zone, *order]
