"""The drop-down chevron comes from package data: applying the style writes no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from boundary_desk.system.resources import resource_path
from boundary_desk.ui.widgets.style import apply_style


def test_the_style_uses_the_shipped_arrow_and_leaves_nothing_in_temp(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    assert Path(QDir.tempPath()) == temp  # Qt would write its temporary folders here
    apply_style(qapp)
    arrow = resource_path("ui", "down-arrow.png")
    assert arrow.as_posix() in qapp.styleSheet()
    image = QImage(str(arrow))
    assert (image.width(), image.height()) == (44, 28)
    assert image.pixelColor(22, 20).alpha() > 0  # the chevron's point is drawn
    assert image.pixelColor(22, 2).alpha() == 0  # above it, transparent
    assert list(temp.iterdir()) == []
