"""The offline user guide: shipped HTML, with one entry per warning the app can give.

The page is package data, one per language (data/guide/en.html, fr.html, he.html); the
warnings section is made here from the domain's warning labels and the plain-words
explanations in data/guide/warnings.<language>.json, so a new warning can't be left out
of the guide, in any language, without a test failing. The guide opens in the app's
language; Hebrew's paragraphs are marked right to left.
"""

from __future__ import annotations

import json
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QTextBrowser, QWidget

from boundary_desk.domain.vocabulary.labels import WARNING_LABELS, shown
from boundary_desk.system.i18n import N_, _, current_language, is_right_to_left
from boundary_desk.system.resources import resource_path
from boundary_desk.ui.widgets.style import button, vbox

LANGUAGE = "en"
GUIDE_LANGUAGES = ("en", "fr", "he")
WARNINGS_MARK = "<!-- warnings -->"
PARTS = (
    ("when", N_("When it appears")),
    ("why", N_("Why it matters")),
    ("do", N_("What you can do")),
)


def guide_language() -> str:
    """The app's language where the guide is written in it, else English."""
    language = current_language()
    return language if language in GUIDE_LANGUAGES else LANGUAGE


def warning_explanations(language: str = LANGUAGE) -> dict[str, dict[str, str]]:
    """Each warning code's explanation: when it appears, why it matters, what to do."""
    path = resource_path("guide", f"warnings.{language}.json")
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {str(code): {str(k): str(v) for k, v in parts.items()} for code, parts in loaded.items()}


def warnings_section(language: str = LANGUAGE) -> str:
    """The guide's list of warnings, in the order the app names them, with the names and
    headings in the app's language (which is `language` when the guide is opened)."""
    explained = warning_explanations(language)
    direction = ' dir="rtl"' if is_right_to_left(language) else ""
    out: list[str] = []
    for code, name in WARNING_LABELS.items():
        parts = explained.get(code, {})
        title = escape(shown(name))
        out.append(f'<h3{direction}><a name="warning-{escape(code)}"></a>{title}</h3>')
        for key, heading in PARTS:
            text = parts.get(key, "")
            if text:
                said = _("{heading}:").format(heading=_(heading))
                out.append(f"<p{direction}><b>{escape(said)}</b> {escape(text)}</p>")
    return "\n".join(out)


def guide_html(language: str = LANGUAGE) -> str:
    """The whole guide as HTML, for a QTextBrowser."""
    page = resource_path("guide", f"{language}.html").read_text(encoding="utf-8")
    return page.replace(WARNINGS_MARK, warnings_section(language))


class GuideWindow(QDialog):
    """The guide in a window of its own, beside the app rather than in front of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Boundary Desk user guide"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(760, 640)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: nothing leaves the computer
        self.browser.document().setDocumentMargin(18)
        self.browser.setHtml(guide_html(guide_language()))
        close = button(_("Close"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = vbox(self, 10)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.browser.setFocus()

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
