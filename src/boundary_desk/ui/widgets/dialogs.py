"""Every modal question the app asks goes through a `Prompter`, so tests can pre-answer it.

Widgets never call QMessageBox or QFileDialog directly: they ask the prompter
they were given. Tests pass a `ScriptedPrompter` that returns prepared answers
and records what was asked, so no dialog ever blocks a test run.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from boundary_desk.system.i18n import _

_Button = QMessageBox.StandardButton


def _message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    # Plain text always: a client's name like "<b>x</b>" must never render as markup.
    box = QMessageBox(icon, title, text, _Button.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class Prompter:
    """The real dialogs."""

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = _message_box(parent, QMessageBox.Icon.Information, title, text)
        box.setStandardButtons(_Button.Ok)
        box.exec()

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        box = _message_box(parent, QMessageBox.Icon.Warning, title, text)
        box.setStandardButtons(_Button.Ok)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        box = _message_box(parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(_Button.Yes | _Button.No)
        box.setDefaultButton(_Button.No)
        return box.exec() == _Button.Yes

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
        """One of several answers, by index; closing the box picks the last (the safe one)."""
        box = _message_box(parent, QMessageBox.Icon.Question, title, text)
        buttons = [box.addButton(o, QMessageBox.ButtonRole.ActionRole) for o in options]
        box.setEscapeButton(buttons[-1])
        box.setDefaultButton(buttons[-1])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), len(options) - 1)

    def ask_secret(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A passphrase typed into a masked field, or None if the clinician cancelled."""
        text, accepted = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password, "")
        return text if accepted else None

    def offer_folder(self, parent: QWidget | None, title: str, text: str) -> bool:
        """A file was saved: True if the clinician chose Show in folder."""
        box = _message_box(parent, QMessageBox.Icon.Information, title, text)
        show = box.addButton(_("Show in folder"), QMessageBox.ButtonRole.ActionRole)
        ok = box.addButton(_Button.Ok)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        box.exec()
        return box.clickedButton() is show

    def review(self, dialog: QDialog) -> bool:
        """One of the app's own dialogs (say, what an export will hold): True if accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None:
        # The desktop's own dialog where it has one (no DontUseNativeDialog).
        chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
        return Path(chosen) if chosen else None

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(chosen) if chosen else None

    def open_file(
        self, parent: QWidget | None, title: str, start: Path, filter_text: str
    ) -> Path | None:
        """A file to read (an export to import), or None if the clinician cancelled."""
        chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start), filter_text)
        return Path(chosen) if chosen else None


@dataclass
class ScriptedPrompter(Prompter):
    """Pre-answered dialogs for tests; every question asked is recorded in `asked`."""

    confirms: deque[bool] = field(default_factory=deque)
    save_paths: deque[Path | None] = field(default_factory=deque)
    folders: deque[Path | None] = field(default_factory=deque)
    open_paths: deque[Path | None] = field(default_factory=deque)  # files chosen to read
    choices: deque[int] = field(default_factory=deque)
    show_folders: deque[bool] = field(default_factory=deque)  # Show in folder? (else OK)
    reviews: deque[bool] = field(default_factory=deque)
    secrets: deque[str | None] = field(default_factory=deque)  # None: cancelled
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    reviewed: list[QDialog] = field(default_factory=list)  # each dialog shown, to inspect

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(("inform", title, text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(("warn", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        if not self.confirms:
            raise AssertionError(f"unexpected confirmation asked: {title}: {text}")
        return self.confirms.popleft()

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
        self.asked.append(("choose", title, text))
        if not self.choices:
            raise AssertionError(f"unexpected choice asked: {title}: {text}")
        return self.choices.popleft()

    def ask_secret(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.asked.append(("secret", title, label))  # never the answer itself
        if not self.secrets:
            raise AssertionError(f"unexpected passphrase asked: {title}: {label}")
        return self.secrets.popleft()

    def offer_folder(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.asked.append(("saved", title, text))
        return self.show_folders.popleft() if self.show_folders else False

    def review(self, dialog: QDialog) -> bool:
        self.asked.append(("review", dialog.windowTitle(), ""))
        self.reviewed.append(dialog)
        if not self.reviews:
            raise AssertionError(f"unexpected dialog: {dialog.windowTitle()}")
        return self.reviews.popleft()

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None:
        self.asked.append(("save_file", title, str(suggested)))
        if not self.save_paths:
            raise AssertionError(f"unexpected file dialog: {title}")
        return self.save_paths.popleft()

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        self.asked.append(("choose_folder", title, str(start)))
        if not self.folders:
            raise AssertionError(f"unexpected folder dialog: {title}")
        return self.folders.popleft()

    def open_file(
        self, parent: QWidget | None, title: str, start: Path, filter_text: str
    ) -> Path | None:
        self.asked.append(("open_file", title, str(start)))
        if not self.open_paths:
            raise AssertionError(f"unexpected file dialog: {title}")
        return self.open_paths.popleft()

    def messages(self, kind: str) -> list[str]:
        return [text for k, _, text in self.asked if k == kind]
