"""A second launch on the same vault folder knocks on the first and steps aside."""

from __future__ import annotations

from pathlib import Path

from boundary_desk.ui.single_instance import SingleInstance, server_name


def test_the_second_claim_is_refused_and_raises_the_first(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "vault")
    first = SingleInstance(name)
    second = SingleInstance(name)
    try:
        assert first.claim()
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert not second.claim()
    finally:
        first.release()
        second.release()


def test_the_name_hides_the_folder(tmp_path: Path) -> None:
    name = server_name(tmp_path / "Jane Doe notes")

    assert name.startswith("boundary-desk-")
    assert len(name) == len("boundary-desk-") + 16
    assert "Jane" not in name and str(tmp_path.name) not in name
    assert server_name(tmp_path / "other") != name


def test_a_different_folder_is_a_different_instance(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(server_name(tmp_path / "a"))
    second = SingleInstance(server_name(tmp_path / "b"))
    try:
        assert first.claim()
        assert second.claim()
    finally:
        first.release()
        second.release()
