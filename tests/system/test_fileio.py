import os
from pathlib import Path

import pytest

from boundary_desk.system.fileio import ReadFailed, WriteFailed, atomic_write, read_regular_file


def test_writes_private_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert target.stat().st_mode & 0o777 == 0o600


def test_failure_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteFailed, match="No space left"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]


def test_missing_folder_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="does not exist"):
        atomic_write(tmp_path / "nope" / "out.bin", b"x")


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "summary.txt"
    os.mkfifo(fifo)
    # Opening a pipe for reading waits for a writer forever; this must not.
    with pytest.raises(ReadFailed, match="named pipe"):
        read_regular_file(fifo)


def test_a_regular_file_is_read_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "summary.txt"
    path.write_bytes(b"0123456789")
    assert read_regular_file(path, 4) == b"0123"
    assert read_regular_file(path) == b"0123456789"


@pytest.mark.parametrize("kind", ["folder", "missing"])
def test_anything_else_is_one_sentence(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(ReadFailed):
        read_regular_file(path)
