"""A saved PDF is private, complete, or not written at all."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

from boundary_desk.errors import UserFacingError
from boundary_desk.reports.save import save_pdf
from boundary_desk.system.fileio import WriteFailed

NEW_PDF = b"%PDF-1.4 new kit\n%%EOF\n"
OLD_PDF = b"%PDF-1.4 the kit printed last month\n%%EOF\n"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_saves_the_bytes_readable_only_by_the_owner(tmp_path: Path) -> None:
    target = tmp_path / "Emergency Kit.pdf"

    save_pdf(NEW_PDF, target)

    assert target.read_bytes() == NEW_PDF
    assert mode_of(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Emergency Kit.pdf"]


def test_replacing_a_shared_file_makes_it_private(tmp_path: Path) -> None:
    target = tmp_path / "kit.pdf"
    target.write_bytes(OLD_PDF)
    target.chmod(0o644)

    save_pdf(NEW_PDF, target)

    assert target.read_bytes() == NEW_PDF
    assert mode_of(target) == 0o600


def test_a_missing_folder_is_refused_clearly(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "kit.pdf"

    with pytest.raises(WriteFailed) as caught:
        save_pdf(NEW_PDF, target)

    assert isinstance(caught.value, UserFacingError)
    assert str(caught.value) == f"The folder {target.parent} does not exist."
    assert not target.parent.exists()


def test_an_unwritable_folder_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, where chmod does not stop writes; refuse the temp file instead.
    target = tmp_path / "kit.pdf"
    target.write_bytes(OLD_PDF)

    def refuse(*_args: object, **_kwargs: object) -> NoReturn:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)

    with pytest.raises(WriteFailed, match=r"^Cannot write in .*: Permission denied\.$"):
        save_pdf(NEW_PDF, target)

    assert target.read_bytes() == OLD_PDF


@pytest.mark.parametrize("failing_call", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_debris(
    failing_call: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kit.pdf"
    target.write_bytes(OLD_PDF)

    def disk_full(*_args: object, **_kwargs: object) -> NoReturn:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing_call, disk_full)

    with pytest.raises(WriteFailed) as caught:
        save_pdf(NEW_PDF, target)

    monkeypatch.undo()
    assert str(caught.value) == "Could not save kit.pdf: No space left on device."
    assert target.read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.pdf"]


def test_a_symbolic_link_is_named_and_left_alone(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(OLD_PDF)
    link = tmp_path / "kit.pdf"
    link.symlink_to(real)

    with pytest.raises(WriteFailed, match=f"symbolic link to {real}"):
        save_pdf(NEW_PDF, link)

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == OLD_PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.pdf", "real.pdf"]


def test_a_dangling_symbolic_link_is_refused_too(tmp_path: Path) -> None:
    link = tmp_path / "kit.pdf"
    link.symlink_to(tmp_path / "elsewhere" / "kit.pdf")

    with pytest.raises(WriteFailed, match="symbolic link"):
        save_pdf(NEW_PDF, link)

    assert link.is_symlink()


def test_a_named_pipe_or_folder_is_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()

    with pytest.raises(WriteFailed, match="named pipe"):
        save_pdf(NEW_PDF, fifo)
    with pytest.raises(WriteFailed, match="a folder"):
        save_pdf(NEW_PDF, folder)

    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir()


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:  # a /dev/null of our own (needs root), so nothing real is at risk
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")

    with pytest.raises(WriteFailed, match="a device"):
        save_pdf(NEW_PDF, device)

    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_saving_never_changes_the_folders_permissions(tmp_path: Path) -> None:
    desktop = tmp_path / "Desktop"
    desktop.mkdir(mode=0o755)
    desktop.chmod(0o755)

    save_pdf(NEW_PDF, desktop / "agreement.pdf")

    assert mode_of(desktop) == 0o755
    assert mode_of(desktop / "agreement.pdf") == 0o600
