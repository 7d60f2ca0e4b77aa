"""The agreement's wording, one clause at a time: the clinician's own text or the default,
in each language an agreement prints in.

The clinician's wording is kept per language. A clause they reworded in one language but
not in another is shown as missing there, never filled in with the default, until they
write it; an agreement in that language can't be printed before.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.agreement_document import zone_name
from boundary_desk.domain.agreement_rules import REVIEW_AFTER_MONTHS, add_months
from boundary_desk.domain.agreement_words import agreement_words
from boundary_desk.domain.agreements import Channel
from boundary_desk.domain.clause_labels import clause_label, grouped_clauses
from boundary_desk.domain.clauses import LANGUAGE_NAMES as CLAUSE_LANGUAGES
from boundary_desk.domain.clauses import MISSING_MARK, PLACEHOLDERS, ClauseSet, validate_clause
from boundary_desk.domain.crisis import emergency_number
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.errors import InvalidInput, UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.clauses import clause_set, edited_clauses, reset_clause, set_clause
from boundary_desk.system.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import FlowRow, VerticalScroll
from boundary_desk.ui.widgets.style import (
    ACCENT,
    MUTED,
    InlineMessage,
    button,
    label,
    page_layout,
    tab_order,
)

SAMPLE_CLIENT = "Alex Sample"
EDITED = N_("Edited")
MISSING = N_("Missing")
MISSING_HINT = N_(
    "You reworded this clause in another language. Write its {language} wording here; "
    "until then, agreements in {language} can't be printed."
)
_NAME = Qt.ItemDataRole.UserRole
_PREVIEW_LINES = 6
_LIST_WIDTH = 360
_LIST_NARROWEST = 230
_ITEM_PADDING = 4
_HEADING_SPACE = 8


def sample_values(practice: PracticeSettings, today: date, language: str = "en") -> dict[str, str]:
    """Placeholder values for the preview: a made-up client, the practice's real settings,
    written in the wording's `language` as the printed agreement writes them."""
    w = agreement_words(language)
    return {
        "client_name": SAMPLE_CLIENT,
        "clinician": practice.clinician or w("your clinician"),
        "practice": practice.practice or practice.clinician or w("this practice"),
        "hours": w.hours(practice.hours),
        "timezone": zone_name(practice.timezone.key),
        "emergency_number": emergency_number(practice.region.country),
        "review_date": w.date(add_months(today, REVIEW_AFTER_MONTHS)),
        "unencrypted_channels": w.join(
            [w.channel_phrase(Channel.EMAIL), w.channel_phrase(Channel.TEXT)]
        ),
        "guardian_role": w("{name} is the parent or guardian.").format(name="Sam Sample"),
    }


class ClausesPage(QWidget):
    clauses_saved = Signal()

    def __init__(self, services: Services, prompter: Prompter, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        # The wording edited first is in the app's language, as the clinician reads it.
        app_language = current_language()
        self.language = app_language if app_language in LANGUAGES else LANGUAGES[0]
        self._defaults = clause_set(services, self.language).defaults
        self._overrides: dict[str, str] = {}
        self._missing: frozenset[str] = frozenset()
        self._name = ""
        self._shown = ""  # the stored wording of the clause shown, to tell unsaved edits
        self._pending = ""  # the clause asked for while edits were unsaved
        self._values: dict[str, str] = {}
        self._load_samples()
        self._ask_timer = QTimer(self)
        self._ask_timer.setSingleShot(True)
        self._ask_timer.timeout.connect(self._ask_to_switch)
        self._build()
        self._reload_overrides()
        self.select_clause(self.clause_names()[0])

    def _build(self) -> None:
        self._rows: dict[str, QTreeWidgetItem] = {}
        self.clause_list = _clause_tree(self, self._defaults, self._rows)
        self.clause_list.currentItemChanged.connect(self._clause_picked)
        self.language_box = QComboBox(self)
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(LANGUAGES.index(self.language))
        self.language_box.setAccessibleName(_("Language of the wording"))
        self.language_box.setToolTip(
            _("Your wording is kept for each language an agreement prints in")
        )
        self.language_box.currentIndexChanged.connect(self._language_picked)
        self.clause_title = label("", "subheading")
        self.wording_state = label("", "muted")
        self.wording_state.setWordWrap(False)
        self.description = label("", "muted")
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(_("Clause wording"))
        self.editor.textChanged.connect(self._after_edit)
        self.placeholder_buttons: dict[str, QWidget] = {}
        self.error = InlineMessage("error", self)
        self.preview = label("", "note", selectable=True)
        self.preview.setAccessibleName(_("How it reads"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.saved_line = label("", "muted")
        self.restore_button = button(_("Restore default wording"))
        self.restore_button.setToolTip(_("Delete your wording for this clause and use the default"))
        self.restore_button.clicked.connect(self.restore_default)
        self.revert_button = button(_("Revert"))
        self.revert_button.setToolTip(_("Discard the changes you have not saved"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = button(_("Save"), "primary")
        self.save_button.setToolTip(_("Save this clause's wording (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        self._lay_out()

    def _lay_out(self) -> None:
        title_row = QHBoxLayout()
        title_row.addWidget(self.clause_title, 1)
        title_row.addWidget(self.wording_state, 0, Qt.AlignmentFlag.AlignBottom)
        self._preview_area = QScrollArea(self)
        self._preview_area.setAccessibleName(_("Wording preview"))
        self._preview_area.setWidgetResizable(True)
        self._preview_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self._preview_area.setWidget(self.preview)
        bar = QHBoxLayout()
        bar.addWidget(self.restore_button)
        bar.addWidget(self.saved_line, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)

        holder = QWidget(self)
        right = QVBoxLayout(holder)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        right.addLayout(title_row)
        right.addWidget(self.description)
        right.addWidget(self.editor, 1)
        right.addLayout(self._placeholder_row())
        right.addWidget(label(_("How it reads, for a sample client"), "eyebrow"))
        right.addWidget(self._preview_area)

        # On a short window the wording and its preview scroll, never overlap; what went
        # wrong and the buttons stay in sight below them.
        self.wording_scroll = VerticalScroll(holder, self)
        self.wording_scroll.setAccessibleName(_("Clause wording and preview"))
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self.wording_scroll, 1)
        side.addWidget(self.error)
        side.addLayout(bar)
        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addWidget(self.clause_list, 1)
        columns.addLayout(side, 3)
        layout = page_layout(self, 8)
        heading = QHBoxLayout()
        heading.addWidget(label(_("Agreement wording"), "heading"), 1)
        in_language = label(_("Wording in"), "muted")
        in_language.setBuddy(self.language_box)
        heading.addWidget(in_language)
        heading.addWidget(self.language_box)
        layout.addLayout(heading)
        layout.addWidget(
            label(
                _(
                    "The wording printed on your clients' agreements. Words in {braces} are "
                    "filled in for each client. Changes apply to agreements printed or "
                    "previewed after you save."
                ),
                "muted",
            )
        )
        layout.addSpacing(4)
        layout.addLayout(columns, 1)
        # The placeholders sit under the wording, before its preview; Save before Revert.
        tab_order(
            self,
            self.language_box,
            self.clause_list,
            self.editor,
            *self.placeholder_buttons.values(),
            self._preview_area,
            self.restore_button,
            self.save_button,
            self.revert_button,
        )

    def _placeholder_row(self) -> QLayout:
        row = FlowRow(spacing=2)
        intro = label(_("Insert a placeholder:"), "muted")
        intro.setWordWrap(False)
        row.addWidget(intro)
        for key, meaning in PLACEHOLDERS.items():
            chip = button("{" + key + "}", "link")
            chip.setToolTip(_("Insert {meaning} at the cursor").format(meaning=_(meaning)))
            chip.setAccessibleName(_("Insert {meaning}").format(meaning=_(meaning)))
            chip.clicked.connect(lambda _=False, key=key: self.insert_placeholder(key))
            self.placeholder_buttons[key] = chip
            row.addWidget(chip)
            intro.setMinimumHeight(chip.sizeHint().height())  # on the chips' line, not above it
        return row

    # What is shown

    def clause_names(self) -> list[str]:
        """The clauses in the order listed: the agreement's order."""
        return [c.name for g in grouped_clauses(self._defaults) for c in g.clauses]

    def current_clause(self) -> str:
        return self._name

    def select_clause(self, name: str) -> None:
        """Pick `name` in the list, as a click would (unsaved edits are asked about)."""
        self.clause_list.setCurrentItem(self._rows[name])

    def is_dirty(self) -> bool:
        return bool(self._name) and self.editor.toPlainText() != self._shown

    def insert_placeholder(self, key: str) -> None:
        self.editor.insertPlainText("{" + key + "}")
        self.editor.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        # The preview uses the clinician's name and hours, which may have just changed.
        self._load_samples()
        self._show_preview()
        super().showEvent(event)

    def _load_samples(self) -> None:
        try:
            practice = self._services.settings.load()
        except UserFacingError:  # unreadable settings: the defaults still make a fair sample
            practice = PracticeSettings.from_values({})
        today = datetime.now(practice.timezone).date()
        self._values = sample_values(practice, today, self.language)

    def _show(self, name: str) -> None:
        about = clause_label(name)
        self._name = name
        # A clause missing in this language starts empty: the default here would undo
        # the clinician's wording of it in another language.
        missing = name in self._missing
        self._shown = "" if missing else self._overrides.get(name) or self._defaults[name]
        self.editor.setPlaceholderText(
            _(MISSING_HINT).format(language=_(CLAUSE_LANGUAGES[self.language])) if missing else ""
        )
        self.clause_title.setText(about.label)
        self.description.setText(about.description)
        self.description.setVisible(bool(about.description))
        self.error.clear_message()
        self.saved_line.clear()
        self.editor.setPlainText(self._shown)
        self._after_edit()

    def _after_edit(self) -> None:
        dirty = self.is_dirty()
        if dirty:
            self.saved_line.clear()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        missing = self._name in self._missing
        self.restore_button.setEnabled(self._name in self._overrides or missing)
        self.restore_button.setText(
            _("Use the default wording") if missing else _("Restore default wording")
        )
        if dirty:
            self.wording_state.setText(_("Not saved yet"))
        elif self._name in self._missing:
            self.wording_state.setText(_("Missing in this language"))
        elif self._name in self._overrides:
            self.wording_state.setText(_("Your wording"))
        else:
            self.wording_state.setText(_("Default wording"))
        self._show_preview()

    def _show_preview(self) -> None:
        if not self._name:
            return
        try:
            text = validate_clause(self._name, self.editor.toPlainText(), self._defaults)
            missing = self._missing if not text else self._missing - {self._name}
            clauses = ClauseSet(self._defaults, {self._name: text}, missing)
            reads = clauses.render(self._name, self._values)
        except InvalidInput as refusal:
            # The first sentence names the problem; the full refusal comes when saving.
            problem = refusal.message.split(". ", 1)[0].rstrip(".")
            reads = _("Shown once the wording is fixed. {problem}.").format(problem=problem)
        except ValueError:  # e.g. "{client_name:%}": a format the check lets through
            reads = _("Shown once the wording is fixed.")
        self.preview.setText(_(reads) if reads == MISSING_MARK else reads)
        self._fit_preview()

    def _fit_preview(self) -> None:
        """As tall as the preview needs, up to a few lines; longer text scrolls."""
        width = max(self._preview_area.viewport().width(), 200)
        needed = self.preview.heightForWidth(width)
        most = self.preview.fontMetrics().lineSpacing() * _PREVIEW_LINES + 20
        self._preview_area.setFixedHeight(min(max(needed, 0), most))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()
        _fit_names(self.clause_list)

    # The list

    def _reload_overrides(self) -> None:
        self._overrides = edited_clauses(self._services, self.language)
        self._missing = clause_set(self._services, self.language).missing
        for name, item in self._rows.items():
            if name in self._missing:
                item.setText(1, _(MISSING))
                item.setToolTip(1, _("Reworded in another language, not yet in this one"))
            elif name in self._overrides:
                item.setText(1, _(EDITED))
                item.setToolTip(1, _("You have changed this wording"))
            else:
                item.setText(1, "")
                item.setToolTip(1, "")

    def _language_picked(self) -> None:
        code = str(self.language_box.currentData())
        if code == self.language:
            return
        if self.is_dirty() and not self._prompter.confirm(
            self,
            _("Unsaved changes"),
            _("Your changes to “{clause}” are not saved. Discard them?").format(
                clause=clause_label(self._name).label
            ),
        ):
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(LANGUAGES.index(self.language))
            self.language_box.blockSignals(False)
            return
        self.set_language(code)

    def set_language(self, code: str) -> None:
        """Show and edit the wording in `code` ("en", "fr", "he")."""
        self.language = code
        self.language_box.blockSignals(True)
        self.language_box.setCurrentIndex(LANGUAGES.index(code))
        self.language_box.blockSignals(False)
        self._defaults = clause_set(self._services, code).defaults
        self._reload_overrides()
        self._load_samples()  # the sample client's hours and dates in this language too
        self._show(self._name)

    def _clause_picked(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        name = current.data(0, _NAME) if current is not None else None
        if not name or name == self._name:
            return
        if not self.is_dirty():
            self._show(name)
            return
        # Ask once the click that picked it is over, so the list is not left mid-click.
        self._pending = name
        self._ask_timer.start(0)

    def _ask_to_switch(self) -> None:
        name, self._pending = self._pending, ""
        if not self.is_dirty() or self._prompter.confirm(
            self,
            _("Unsaved changes"),
            _("Your changes to “{clause}” are not saved. Discard them?").format(
                clause=clause_label(self._name).label
            ),
        ):
            self._show(name)
            return
        self.clause_list.blockSignals(True)
        self.clause_list.setCurrentItem(self._rows[self._name])
        self.clause_list.blockSignals(False)
        self.editor.setFocus()

    # Actions

    def save(self) -> bool:
        """Store the shown clause's wording, or nothing if it is refused."""
        if not self.is_dirty():
            self.saved_line.setText(_("No changes to save."))
            return False
        try:
            set_clause(self._services, self._name, self.editor.toPlainText(), self.language)
        except UserFacingError as refusal:
            self.error.show_message(_("Nothing was saved. {reason}").format(reason=refusal.message))
            self.editor.setFocus()
            return False
        self._after_store()
        if self._name in self._overrides:
            self.saved_line.setText(_("Saved."))
        elif self._name in self._missing:
            self.saved_line.setText(_("Nothing was kept: write this clause in your own words."))
        else:
            self.saved_line.setText(_("Saved. This is the default wording."))
        return True

    def restore_default(self) -> bool:
        """Delete the clinician's wording for the shown clause, once they confirm; for a
        clause missing in this language, take this language's default wording for it."""
        about = clause_label(self._name)
        if self._name in self._missing:
            return self._use_default(about.label)
        if not self._prompter.confirm(
            self,
            _("Restore default wording"),
            _(
                "Replace your wording for “{clause}” with the default wording? Your wording "
                "for this clause will be deleted."
            ).format(clause=about.label),
        ):
            return False
        try:
            reset_clause(self._services, self._name, self.language)
        except UserFacingError as refusal:
            self.error.show_message(
                _("Nothing was changed. {reason}").format(reason=refusal.message)
            )
            return False
        self._after_store()
        self.saved_line.setText(_("The default wording is back."))
        return True

    def _use_default(self, clause: str) -> bool:
        language = _(CLAUSE_LANGUAGES[self.language])
        if not self._prompter.confirm(
            self,
            _("Use the default wording"),
            _("Use the default {language} wording for “{clause}”?").format(
                language=language, clause=clause
            ),
        ):
            return False
        try:
            set_clause(self._services, self._name, self._defaults[self._name], self.language)
        except UserFacingError as refusal:
            self.error.show_message(
                _("Nothing was changed. {reason}").format(reason=refusal.message)
            )
            return False
        self._after_store()
        self.saved_line.setText(_("Saved. This is the default wording."))
        return True

    def revert(self) -> None:
        """Show the saved wording again, discarding unsaved edits."""
        self._show(self._name)

    def _after_store(self) -> None:
        self._reload_overrides()
        self._show(self._name)
        self.clauses_saved.emit()


def _fit_names(tree: QTreeWidget) -> None:
    """Names as wide as the list now is (narrower on a small window), wrapped to fit."""
    header = tree.header()
    width = max(tree.viewport().width() - header.sectionSize(1), 80)
    if header.sectionSize(0) != width:
        header.resizeSection(0, width)
        tree.doItemsLayout()  # the rows' heights follow the new wrapping


def _clause_tree(
    parent: QWidget, names: Iterable[str], rows: dict[str, QTreeWidgetItem]
) -> QTreeWidget:
    """The clauses under the agreement's headings (captions, not choices); fills `rows`."""
    tree = QTreeWidget(parent)
    tree.setObjectName("clauseList")
    tree.setAccessibleName(_("Clauses"))
    tree.setStyleSheet(f"QTreeWidget#clauseList::item {{ padding: 2px {_ITEM_PADDING}px; }}")
    tree.setColumnCount(2)
    tree.setHeaderHidden(True)
    tree.setRootIsDecorated(False)
    tree.setIndentation(0)
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    tree.setItemDelegate(_WrappingRows(tree))
    # Fixed column widths, so each row's height is known before the tree is shown.
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    marker = max(tree.fontMetrics().horizontalAdvance(_(word)) for word in (EDITED, MISSING)) + 20
    header = tree.header()
    header.setStretchLastSection(False)
    for column, width in enumerate((_LIST_WIDTH - marker - 16, marker)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)
    tree.setMinimumWidth(_LIST_NARROWEST)  # the names wrap
    tree.setMaximumWidth(_LIST_WIDTH)
    for group in grouped_clauses(names):
        heading = QTreeWidgetItem(tree, [group.title])
        heading.setFlags(Qt.ItemFlag.NoItemFlags)  # skipped by the arrow keys too
        heading.setFirstColumnSpanned(True)
        heading.setTextAlignment(0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        heading.setForeground(0, QColor(MUTED))
        font = QFont(heading.font(0))
        font.setBold(True)
        heading.setFont(0, font)
        for clause in group.clauses:
            item = QTreeWidgetItem(tree, [clause.label, ""])
            item.setData(0, _NAME, clause.name)
            item.setToolTip(0, clause.description or clause.label)
            item.setForeground(1, QColor(ACCENT))
            rows[clause.name] = item
    return tree


class _WrappingRows(QStyledItemDelegate):
    """Rows as tall as their wrapped label (a tree sizes rows for one line otherwise)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        tree = self.parent()
        assert isinstance(tree, QTreeWidget)
        spanned = tree.isFirstColumnSpanned(index.row(), index.parent())
        width = tree.header().length() if spanned else tree.columnWidth(index.column())
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        # Any height will do: the style wraps text only inside a valid rectangle.
        view.rect = QRect(0, 0, width - 2 * _ITEM_PADDING, 1000)
        style = tree.style()
        size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, view, QSize(), tree)
        return size + QSize(0, _HEADING_SPACE if spanned and index.row() else 0)
