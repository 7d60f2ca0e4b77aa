"""Input no one means to give: undecodable bytes, years 0001 and 9999, a vault folder that
is a file or /proc, a named pipe for a file. Each gets one sentence and exit 2, and
nothing is changed.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error

UNDECODABLE = "\udcff\udcfe"  # b"\xff\xfe" as Python decodes it from argv


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("odd-input-template")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    # East of UTC, so a time on 0001-01-01 falls before the calendar's start in UTC.
    assert cli("settings", "set", "timezone", "Europe/Berlin").code == 0
    assert cli("client", "add", "Sam Odd", "--code", "S1").code == 0
    return cli.data_dir


@pytest.fixture
def practice(cli: Cli, template: Path) -> Cli:
    shutil.copytree(template, cli.data_dir)
    return cli


def event_count(cli: Cli) -> int:
    return len(cli("events", "--json").json())


LOG = ("log", "S1", "--channel", "text", "--direction", "in")


@pytest.mark.parametrize(
    "args",
    [
        ("client", "add", UNDECODABLE),
        (*LOG, "--summary", f"hello {UNDECODABLE}"),
        ("client", "list", "--search", UNDECODABLE),
    ],
    ids=["client-name", "summary", "search"],
)
def test_undecodable_bytes_in_an_argument_are_refused(practice: Cli, args: tuple[str]) -> None:
    # subprocess passes each surrogate back as the raw byte, as a shell would.
    assert_user_error(practice(*args), "not valid UTF-8")
    assert [c["code"] for c in practice("client", "list", "--json").json()] == ["S1"]
    assert event_count(practice) == 0


@pytest.mark.parametrize(
    "args",
    [
        (*LOG, "--at", "0001-01-01T00:00"),
        (*LOG, "--at", "9999-12-31T23:59-12:00"),
        (*LOG, "--at", "2026-11-20T10:00", "--replied-at", "9999-12-31T23:59"),
        ("review", "--week", "9999-W52"),
        ("review", "--week", "0001-W01"),
        ("events", "--since", "0001-01-01", "--until", "9999-12-31"),
        ("agreement", "new", "S1", "--channels", "email", "--review", "9999-12-31"),
        ("log-request", "S1", "--platform", "x", "--action", "discussed",
         "--discussed-on", "0001-01-01"),
    ],
    ids=["at-0001", "at-9999", "replied-9999", "week-9999", "week-0001", "events", "review",
         "discussed"],
)  # fmt: skip
def test_years_0001_and_9999_are_refused(practice: Cli, args: tuple[str]) -> None:
    assert_user_error(practice(*args), "year")
    assert event_count(practice) == 0


@pytest.mark.parametrize(
    ("folder", "words"),
    [
        ("afile", "is a file"),
        ("afile/inside", "afile is a file"),
        ("/proc", "system folder"),
        ("/proc/self/vault", "system folder"),
        ("/dev/null", "is a device"),
        ("x" * 300, "too long"),
    ],
)
def test_a_vault_folder_that_cant_be_one_is_refused(
    cli: Cli, tmp_path: Path, folder: str, words: str
) -> None:
    (tmp_path / "afile").write_bytes(b"not a folder")
    path = tmp_path / folder  # an absolute `folder` stays as it is
    for command in (("init",), ("status",)):
        other = Cli(path, tmp_path / "home")
        assert_user_error(other(*command), words)
    assert (tmp_path / "afile").read_bytes() == b"not a folder"


def test_a_named_pipe_as_summary_file_is_refused_without_waiting(
    practice: Cli, tmp_path: Path
) -> None:
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    assert_user_error(practice(*LOG, "--summary-file", str(fifo)), "named pipe")
    assert event_count(practice) == 0


def test_a_huge_number_is_refused(practice: Cli) -> None:
    assert_user_error(practice("audit", "show", "--limit", "9" * 30), "too large")
    assert_user_error(practice(*LOG, "--minutes", "9" * 30), "too large")
    assert event_count(practice) == 0


def test_a_name_too_long_for_the_disk_is_refused(practice: Cli, tmp_path: Path) -> None:
    assert_user_error(practice("restore", str(tmp_path / ("x" * 300)), "--yes"), "too long")
    assert_user_error(practice("backups", "--to", str(tmp_path / ("x" * 300))), "too long")


def wait_for(fd: int, text: bytes, timeout: float = 60) -> bytes:
    """Read `fd` until `text` has appeared; returns everything read up to and including it."""
    seen = b""
    while text not in seen:
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, f"no {text!r} within {timeout} s; saw {seen!r}"
        chunk = os.read(fd, 4096)
        assert chunk, f"closed before {text!r}; saw {seen!r}"
        seen += chunk
    return seen


def test_undecodable_bytes_typed_at_the_passphrase_prompt_are_refused(practice: Cli) -> None:
    """On a terminal (a pseudo-terminal here), the prompt reads raw bytes."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "boundary_desk", "--data-dir", str(practice.data_dir), "status"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=practice.env,  # no passphrase variable: it must be typed
        start_new_session=True,  # no controlling terminal: getpass reads stdin
    )
    os.close(follower)
    assert proc.stderr is not None
    prompt = wait_for(proc.stderr.fileno(), b"passphrase: ")  # getpass flushes earlier input
    os.write(leader, b"\xff\xfe not UTF-8\n")
    _, err = proc.communicate(timeout=60)
    os.close(leader)
    text = (prompt + err).decode("utf-8", "replace")
    lines = text.split("passphrase: ", 1)[1].strip().splitlines()
    assert proc.returncode == 2, lines
    assert len(lines) == 1 and "not valid UTF-8" in lines[0], lines
