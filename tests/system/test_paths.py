"""Folders: the app's own are made private; one the user chose is never chmodded."""

from __future__ import annotations

import stat
from pathlib import Path

from boundary_desk.system.paths import create_private_dir, vault_folder_problem


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    chosen = tmp_path / "Desktop"
    chosen.mkdir()
    chosen.chmod(0o755)
    create_private_dir(chosen)
    assert mode_of(chosen) == 0o755


def test_every_folder_it_creates_is_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    create_private_dir(tmp_path / "a" / "b" / "c")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert mode_of(folder) == 0o700, folder
    assert mode_of(tmp_path) == 0o755


def test_a_usable_vault_folder_has_no_problem(tmp_path: Path) -> None:
    assert vault_folder_problem(tmp_path) is None
    assert vault_folder_problem(tmp_path / "new" / "vault") is None


def test_files_devices_and_system_folders_are_named(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    cases = {
        tmp_path / "afile": "is a file",
        tmp_path / "afile" / "sub": "afile is a file",
        Path("/dev/null"): "is a device",
        Path("/proc"): "system folder",
        Path("/proc/self/vault"): "system folder",
        Path("/sys/vault"): "system folder",
        Path("/dev/vault"): "system folder",
    }
    for path, words in cases.items():
        problem = vault_folder_problem(path)
        assert problem is not None and words in problem, (path, problem)
