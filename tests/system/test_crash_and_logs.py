"""Crash reports and logs never carry client data, and are private files."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from boundary_desk.system.crash import crash_report, install_crash_handler
from boundary_desk.system.logs import configure_logging

SECRET = "Marguerite-Client-Secret"


def _raise_with_client_data() -> None:
    client_name = SECRET  # a local holding client data, as real code would
    raise ValueError(f"could not save {client_name}")


def test_report_has_type_and_frames_but_no_message_or_values() -> None:
    try:
        _raise_with_client_data()
    except ValueError:
        exc_type, _, tb = sys.exc_info()
        assert exc_type is not None
        report = crash_report(exc_type, tb)
    assert "builtins.ValueError" in report
    assert "_raise_with_client_data" in report
    assert SECRET not in report


def test_handler_writes_a_private_report_and_tells_the_listener(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, Path | None]] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(tmp_path / "crash", lambda text, path: seen.append((text, path)))
    try:
        _raise_with_client_data()
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    [(text, path)] = seen
    assert path is not None and path.read_text() == text
    assert SECRET not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_log_file_is_private(tmp_path: Path) -> None:
    path = configure_logging(tmp_path / "logs")
    logging.getLogger("boundary_desk.test").info("vault unlocked")
    for handler in logging.getLogger("boundary_desk").handlers:
        handler.flush()
    assert "vault unlocked" in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
