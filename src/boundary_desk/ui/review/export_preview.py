"""Before the supervision copy is saved: every text in it as it will leave, replacements marked."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QWidget

from boundary_desk.domain.deidentify import Replaced
from boundary_desk.services.review import DeidentifiedReview
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import INK, MUTED, label, vbox

HIGHLIGHT = "#FCE8A6"  # a highlighter's yellow, readable with dark text
TITLE = N_("Check what leaves in the supervision copy")
OTHERS = N_(
    "Highlighted: what was replaced by a client code (hover to see what it replaced). Only "
    "names the vault knows can be replaced: check that no one else, such as a partner or a "
    "colleague, is named."
)
REST = N_(
    "The rest of the pages are figures, dates, channels and client codes. Message summaries "
    "and what searches found are never printed in this copy."
)
YOUR_WORDS = frozenset({"in the reflections", "in the supervision list", "in the notes"})
NO_TEXT = N_("This copy has no notes, reflections or supervision list.")


def marked_html(text: Replaced) -> str:
    """The text as it will leave, each replacement highlighted, its original in a tooltip."""
    parts = []
    for piece in text.pieces:
        shown = escape(piece.text).replace("\n", "<br/>")
        if piece.replaced:
            parts.append(
                f'<span style="background-color:{HIGHLIGHT}; font-weight:600;" '
                f'title="{escape(piece.original)}">{shown}</span>'
            )
        else:
            parts.append(shown)
    return "".join(parts)


def preview_html(deidentified: DeidentifiedReview) -> str:
    """What was replaced, then the clinician's own words, then the app's warnings."""
    own = [t for t in deidentified.texts if t.where in YOUR_WORDS]
    printed = [t for t in deidentified.texts if t.where not in YOUR_WORDS]
    blocks = []
    for heading, items in ((_("Your words"), own), (_("Warnings and friend requests"), printed)):
        if items:
            blocks.append(f'<p style="margin-top:14px;"><b>{escape(heading)}</b></p>')
        for item in items:
            blocks.append(
                f'<p style="margin-top:8px; margin-bottom:2px; color:{MUTED};">'
                f"{escape(item.label)}</p>"
                f'<p style="margin-top:0; color:{INK};">{marked_html(item.text)}</p>'
            )
    if deidentified.replaced:
        rows = "".join(
            f"<li>“{escape(p.original)}” → <b>{escape(p.text)}</b> "
            f'<span style="color:{MUTED};">({escape(item.where.removeprefix("in "))})</span></li>'
            for item in deidentified.replaced
            for p in item.text.replacements
        )
        blocks.insert(0, f"<p><b>{escape(_('Replaced'))}</b></p><ul>{rows}</ul>")
    return "".join(blocks) or f"<p>{escape(_(NO_TEXT))}</p>"


class ExportPreview(QDialog):
    """What the supervision copy will say; "Save PDF…" goes on to ask where."""

    def __init__(self, deidentified: DeidentifiedReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.setModal(True)
        self.resize(640, 560)
        said = deidentified.summary()
        self.summary = label(_("Client codes only: {summary}.").format(summary=said))
        self.summary.setWordWrap(True)
        self.others = label(_(OTHERS), "muted")
        self.others.setWordWrap(True)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_("The supervision copy's text, as it will leave"))
        self.preview.setOpenLinks(False)
        self.preview.setHtml(preview_html(deidentified))
        self.rest = label(_(REST), "muted")
        self.rest.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            _("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = vbox(self, 10)
        column.setContentsMargins(18, 16, 18, 14)
        column.addWidget(self.summary)
        column.addWidget(self.others)
        column.addWidget(self.preview, 1)
        column.addWidget(self.rest)
        column.addWidget(self.buttons)
