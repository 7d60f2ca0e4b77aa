"""A second launch on the same vault folder knocks on the first and steps aside.

The socket lives in a folder only this user can enter, and a launch steps aside
only when a running Boundary Desk answers: a stale or squatted name never makes
the app exit without a word.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from boundary_desk.ui.shell.single_instance import (
    NOT_ANSWERING,
    SingleInstance,
    server_name,
    socket_address,
)


@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Short, as a session's runtime folder is: a socket's path has at most ~104 bytes.
    folder = Path(tempfile.mkdtemp(prefix="bd-"))  # made 0700
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def instances(qapp) -> Iterator[list[SingleInstance]]:  # type: ignore[no-untyped-def]
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.release()


def _instance(instances: list[SingleInstance], address: str) -> SingleInstance:
    instances.append(SingleInstance(address))
    return instances[-1]


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A Boundary Desk already running on tmp_path/vault, in its own process."""
    address = socket_address(tmp_path / "vault")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.running_instance", address],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "listening"
    yield address, child
    child.kill()
    child.communicate()


def test_the_second_launch_steps_aside_and_raises_the_first(
    running: tuple[str, subprocess.Popen[str]], instances: list[SingleInstance]
) -> None:
    address, first = running
    second = _instance(instances, address)

    assert not second.claim()
    assert first.stdout is not None and first.stdout.readline().strip() == "raised"


def test_the_socket_is_in_a_folder_only_this_user_can_enter(
    tmp_path: Path, runtime_dir: Path, instances: list[SingleInstance]
) -> None:
    address = Path(socket_address(tmp_path / "vault"))

    assert _instance(instances, str(address)).claim()
    assert address.parent.parent == runtime_dir
    assert address.exists()
    assert address.parent.stat().st_mode & 0o777 == 0o700


def test_a_shared_runtime_folder_is_not_used(
    tmp_path: Path, runtime_dir: Path, instances: list[SingleInstance]
) -> None:
    runtime_dir.chmod(0o777)  # anyone could put a name in it

    address = Path(socket_address(tmp_path / "vault"))

    assert runtime_dir not in address.parents
    assert address.parent.stat().st_mode & 0o777 == 0o700
    assert _instance(instances, str(address)).claim()


def test_a_listener_that_does_not_answer_is_replaced_and_said(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    address = socket_address(tmp_path / "vault")
    squatter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squatter.bind(address)
    squatter.listen(4)  # takes connections, never answers
    try:
        first = _instance(instances, address)
        assert first.claim()  # the app opens; it does not exit silently
        assert first.problem == NOT_ANSWERING
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.connect(address)  # the address now leads to the app, not the squatter
        probe.close()
    finally:
        squatter.close()


def test_a_stale_socket_is_removed_without_fuss(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    address = socket_address(tmp_path / "vault")
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(address)
    crashed.close()  # the file stays, as after a crash
    assert Path(address).exists()

    first = _instance(instances, address)
    assert first.claim()
    assert first.problem is None


def test_the_name_hides_the_folder(tmp_path: Path) -> None:
    name = server_name(tmp_path / "Jane Doe notes")

    assert name.startswith("boundary-desk-")
    assert len(name) == len("boundary-desk-") + 16
    assert "Jane" not in name and str(tmp_path.name) not in name
    assert server_name(tmp_path / "other") != name
    assert "Jane" not in socket_address(tmp_path / "Jane Doe notes")


def test_a_different_folder_is_a_different_instance(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    assert _instance(instances, socket_address(tmp_path / "a")).claim()
    assert _instance(instances, socket_address(tmp_path / "b")).claim()
