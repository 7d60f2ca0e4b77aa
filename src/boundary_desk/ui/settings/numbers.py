"""A whole-number setting (auto-lock minutes, years kept, replaced vaults) as a spin box.

The range, the unit and the refusal come from the setting's declaration, so the app and
the CLI accept the same numbers and refuse the others in the same words. Digits typed
out of range stay as typed, even when the focus moves on, so they are never changed
behind the clinician's back: saving refuses them and the field names the range.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QWidget

from boundary_desk.domain.practice_settings import SettingSpec
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _
from boundary_desk.ui.settings.editor import ValueEditor

MAX_DIGITS = 4


class WholeNumberSpin(QSpinBox):
    """A spin box that keeps digits typed out of its range, where Qt would refuse the
    keystroke, or put back the last number in range when the focus leaves."""

    def typed(self) -> str:
        """What is in the box, without its unit."""
        return self._digits(self.lineEdit().text())

    def _digits(self, text: str) -> str:
        return text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()

    def validate(self, text: str, pos: int) -> QValidator.State:  # type: ignore[override]
        digits = self._digits(text)
        if not digits:
            return QValidator.State.Intermediate
        if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_DIGITS:
            return QValidator.State.Invalid  # letters and signs are refused as they're typed
        inside = self.minimum() <= int(digits) <= self.maximum()
        return QValidator.State.Acceptable if inside else QValidator.State.Intermediate

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.hasAcceptableInput():
            super().focusOutEvent(event)
            return
        # Qt would put the last good number back here, silently; leave what was typed.
        self.lineEdit().event(event)
        QWidget.focusOutEvent(self, event)


class WholeNumberSetting(ValueEditor):
    """`value()` is the number as the setting stores it, or the digits typed if out of range."""

    def __init__(self, spec: SettingSpec[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if spec.bounds is None:
            raise ValueError(f"{spec.key} is not a whole-number setting")
        self._spec = spec
        low, high = spec.bounds
        self.spin = WholeNumberSpin(self)
        self.spin.setRange(low, high)
        self.spin.setSuffix(f" {_(spec.unit)}" if spec.unit else "")
        self.spin.setAccessibleName(_(spec.label))
        self.spin.setAccessibleDescription(
            _("From {low} to {high} {unit}")
            .format(low=low, high=high, unit=_(spec.unit) if spec.unit else "")
            .strip()
        )
        widest = self.spin.fontMetrics().horizontalAdvance(f"{high}{self.spin.suffix()}")
        self.spin.setMinimumWidth(widest + 48)  # the digits, the unit and the arrows
        # The box's own textChanged waits for a number in range; the digits typed are the edit.
        self.spin.lineEdit().textChanged.connect(self.edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin)
        row.addStretch(1)
        self.setFocusProxy(self.spin)

    def value(self) -> str:
        return str(self.spin.value()) if self.spin.hasAcceptableInput() else self.spin.typed()

    def set_value(self, stored: str) -> None:
        try:
            number = self._spec.parse(stored)
        except InvalidInput:  # a damaged value: show the default
            number = self._spec.parse(self._spec.default)
        self.spin.setValue(int(number))
