"""Saving where the clinician chose: the file is 0600, their folder keeps its permissions,
and a symbolic link or a device is named and left alone rather than replaced.

A careful tool refuses both: replacing a link with a file breaks it and leaves its target
stale; writing through it puts records somewhere the user didn't name. The message says
where the link points, so saving there directly is one step.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("saving-template")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    assert cli("client", "add", "Sam Save", "--code", "S1").code == 0
    return cli.data_dir


@pytest.fixture
def practice(cli: Cli, template: Path) -> Cli:
    shutil.copytree(template, cli.data_dir)
    return cli


@pytest.fixture
def desktop(tmp_path: Path) -> Path:
    """A folder the user owns and shares as they like (0755)."""
    folder = tmp_path / "Desktop"
    folder.mkdir()
    folder.chmod(0o755)
    return folder


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    "command",
    [
        ("agreement", "pdf", "S1", "--out", "{folder}/agreement.pdf"),
        ("record", "S1", "--pdf", "{folder}/record.pdf"),
        ("export", "--json", "{folder}/export.json", "--yes"),
        ("export", "--csv", "{folder}", "--yes"),
        ("backup", "--to", "{folder}"),
    ],
    ids=["agreement", "record", "json", "csv", "backup"],
)
def test_a_folder_the_user_chose_keeps_its_permissions(
    practice: Cli, desktop: Path, command: tuple[str, ...]
) -> None:
    result = practice(*(part.format(folder=desktop) for part in command))
    assert result.code == 0, result.err
    assert mode_of(desktop) == 0o755
    for made in desktop.iterdir():
        assert mode_of(made) == (0o700 if made.is_dir() else 0o600), made


def test_a_new_folder_for_an_export_is_private(practice: Cli, desktop: Path) -> None:
    assert practice("export", "--csv", str(desktop / "new" / "csv"), "--yes").code == 0
    assert mode_of(desktop / "new") == 0o700 and mode_of(desktop / "new" / "csv") == 0o700
    assert mode_of(desktop) == 0o755


def test_saving_to_a_symbolic_link_names_its_target_and_changes_nothing(
    practice: Cli, desktop: Path
) -> None:
    real = desktop / "real.pdf"
    real.write_bytes(b"an older agreement")
    link = desktop / "agreement.pdf"
    link.symlink_to(real)

    result = practice("agreement", "pdf", "S1", "--out", str(link))

    assert_user_error(result, "symbolic link", str(real), "nothing was saved")
    assert link.is_symlink() and real.read_bytes() == b"an older agreement"


def test_saving_to_a_device_is_refused(practice: Cli, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:  # a /dev/null of our own (needs root): the real one is never put at risk
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")

    result = practice("record", "S1", "--pdf", str(device))

    assert_user_error(result, "is a device", "nothing was saved")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_saving_over_a_folder_is_refused(practice: Cli, desktop: Path) -> None:
    assert_user_error(practice("review", "--pdf", str(desktop)), "is a folder")
    assert list(desktop.iterdir()) == []
