"""The quick log's "How to reply" panel: the channels the client's agreement allows,
ranked for the message being logged, each with one sentence per deciding factor.

Compact by default: one line per channel, best first ("1. Portal message · good fit");
"Why" opens each channel's reasons in place. Crisis content puts the crisis protocol
first, whatever the agreement allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from boundary_desk.domain.channel_fit import Fit, Verdict
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import button, label

# The channels ranked for a message of this category, complex or not; None: no signed
# agreement, so no channels are agreed.
Ranker = Callable[[Category, bool], Sequence[Fit] | None]

HEADING = N_("How to reply")
NO_AGREEMENT = N_("No signed agreement yet, so no channels are agreed to rank for a reply.")
CRISIS_PROTOCOL = N_("Crisis protocol first")
SHOW_WHY = N_("Why")
HIDE_WHY = N_("Hide why")
VERDICTS = {
    Verdict.CRISIS_PROTOCOL: N_("before any reply"),
    Verdict.GOOD: N_("good fit"),
    Verdict.CAUTION: N_("take care"),
    Verdict.POOR: N_("poor fit"),
}
CHANNEL_NAMES = {
    ContactChannel.EMAIL: N_("Email"),
    ContactChannel.TEXT: N_("Text"),
    ContactChannel.CALL: N_("Call"),
    ContactChannel.VOICEMAIL: N_("Voicemail"),
    ContactChannel.VIDEO: N_("Video call"),
    ContactChannel.PORTAL: N_("Portal message"),
    ContactChannel.DM: N_("DM (social media)"),
    ContactChannel.IN_PERSON: N_("In person"),
}


def option_line(place: int, fit: Fit) -> str:
    """ "1. Portal message · good fit", or "1. Crisis protocol first · before any reply"."""
    name = _(CRISIS_PROTOCOL) if fit.channel is None else _(CHANNEL_NAMES[fit.channel])
    return f"{place}. {name} · {_(VERDICTS[fit.verdict])}"


class ReplyPanel(QFrame):
    """The ranking for the message as the form now describes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyPanel")
        self.setAccessibleName(_(HEADING))
        self.heading = label(_(HEADING), "warningTitle")
        self.heading.setWordWrap(False)
        self.why_button = button(_(SHOW_WHY), "link")
        self.why_button.setCheckable(True)
        self.why_button.setAccessibleName(_("Why each channel is ranked so"))
        self.why_button.toggled.connect(self._why_toggled)
        self.empty = label(_(NO_AGREEMENT), "muted")
        # One label for the whole ranking: a line per option, and with "Why" its reasons.
        self.ranking = QLabel()
        self.ranking.setObjectName("replyRanking")
        self.ranking.setWordWrap(True)
        self.ranking.setTextFormat(Qt.TextFormat.RichText)
        self.ranking.setAccessibleName(_("Channels ranked for your reply"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.why_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.ranking)
        self.fits: tuple[Fit, ...] = ()

    def show_ranking(self, fits: Sequence[Fit] | None) -> None:
        """Show `fits` best first; None: there is no signed agreement to rank from."""
        self.fits = tuple(fits or ())
        self.empty.setVisible(fits is None)
        self.why_button.setVisible(bool(self.fits))
        self.ranking.setVisible(bool(self.fits))
        self._render()

    def lines(self) -> list[str]:
        """Each option's line, best first."""
        return [option_line(place, fit) for place, fit in enumerate(self.fits, start=1)]

    def _render(self) -> None:
        why = self.why_button.isChecked()
        parts = []
        for line, fit in zip(self.lines(), self.fits, strict=True):
            part = f"<b>{escape(line)}</b>"
            if why:
                reasons = " ".join(escape(r) for r in fit.reasons)
                part += f"<div style='margin: 0 0 6px 18px;'>{reasons}</div>"
            parts.append(part)
        self.ranking.setText(
            "<br>".join(parts) if not why else "".join(f"<div>{p}</div>" for p in parts)
        )

    def _why_toggled(self, on: bool) -> None:
        self.why_button.setText(_(HIDE_WHY) if on else _(SHOW_WHY))
        self._render()
