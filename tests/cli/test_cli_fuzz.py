"""Fuzz every command and option of the CLI: it answers (exit 0) or refuses in one line
(exit 2), never a traceback, a crash report or a hang.

The commands and options come from the parser (tests/cli/fuzz_args.py). Most examples
run in-process, calling `cli.run` against a shared vault, which is fast; a smaller batch
runs the real program with raw invalid bytes in its argv and on its stdin. CI runs a
few examples per command; CLI_FUZZ_EXAMPLES=500 runs a deep pass.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boundary_desk.cli import run
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths
from tests.cli.conftest import PASSPHRASE, Cli
from tests.cli.fuzz_args import (
    UNDECODABLE,
    Command,
    command_line,
    leaf_commands,
    values_for,
)
from tests.conftest import FAST_COST
from tests.fakes import MemoryKeychain

EXAMPLES = int(os.environ.get("CLI_FUZZ_EXAMPLES", "6"))
settings.register_profile(
    "cli-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing is written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ = settings(settings.get_profile("cli-fuzz"))
COMMANDS = leaf_commands()
NAMES = ["CR1", "Fuzz Person", "NOPE", UNDECODABLE, *sorted(default_clauses())[:2]]
STDIN = b"\xff\xfe not UTF-8 \xc3"


def assert_answered_or_refused(code: int, err: str, argv: object) -> None:
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err and "unexpected error" not in err, (argv, err)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1, (argv, err)


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of awkward paths: a pipe, a device, a link, a file where a folder goes."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "exists.pdf").write_bytes(b"keep me")
    (root / "afile").write_bytes(b"a file, not a folder")
    (root / "summary.txt").write_bytes(b"\xff\xfe not UTF-8")
    os.mkfifo(root / "fifo")
    (root / "link.pdf").symlink_to(root / "exists.pdf")
    try:  # a /dev/null of our own: replacing it harms nothing (needs root)
        os.mknod(root / "null", 0o600 | 0o020000, os.makedev(1, 3))
    except OSError:
        os.mkfifo(root / "null")
    return root


def awkward_paths(root: Path, backup: Path) -> list[str]:
    names = ["out.pdf", "exists.pdf", "afile", "fifo", "link.pdf", "null", "summary.txt"]
    return [
        *(str(root / name) for name in names),
        *(str(root), str(root / "missing" / "x.pdf"), str(root / "afile" / "sub")),
        *("/proc", "/proc/self/status", "-", "", "~/x.pdf", str(backup), UNDECODABLE),
    ]


@pytest.fixture(scope="module")
def shared_vault(playground: Path) -> Iterator[tuple[Path, MemoryKeychain, Path]]:
    keychain = MemoryKeychain()
    data_dir = playground / "vault"
    code = run(["--data-dir", str(data_dir), "init"], _locations(keychain))
    assert code == 0
    for args in (["client", "add", "Fuzz Person", "--code", "CR1"], ["backup", "--json"]):
        assert run(["--data-dir", str(data_dir), *args], _locations(keychain)) == 0
    backup = next((data_dir / "backups").glob("backup-*"))
    yield data_dir, keychain, backup


def _locations(keychain: MemoryKeychain) -> Callable[[str | None], VaultLocation]:
    def make(data_dir: str | None) -> VaultLocation:
        return VaultLocation(paths=resolve_paths(data_dir), keychain=keychain, kdf_cost=FAST_COST)

    return make


def data_dirs(vault: Path, root: Path) -> st.SearchStrategy[str]:
    odd = [str(root / "afile"), str(root / "afile" / "sub"), "/proc", "/proc/self", "/dev/null"]
    fresh = st.uuids().map(lambda u: str(root / f"new-{u.hex[:8]}"))
    return st.one_of(st.just(str(vault)), st.just(str(vault)), st.sampled_from(odd), fresh)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_option_is_answered_or_refused_in_one_line(
    command: Command,
    shared_vault: tuple[Path, MemoryKeychain, Path],
    playground: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, keychain, backup = shared_vault
    monkeypatch.chdir(playground)  # relative names land in the playground
    monkeypatch.setenv("BOUNDARY_DESK_PASSPHRASE", PASSPHRASE)
    values = values_for(awkward_paths(playground, backup), NAMES)

    @FUZZ
    @given(st.data())
    def fuzz(data: st.DataObject) -> None:
        argv = ["--data-dir", data.draw(data_dirs(data_dir, playground))]
        argv += data.draw(command_line(command, values))
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STDIN)))
        capsys.readouterr()
        try:
            code = run(argv, _locations(keychain))
        except SystemExit as exit_:  # --help
            code = int(exit_.code or 0)
        assert_answered_or_refused(code, capsys.readouterr().err, argv)

    fuzz()


SUBPROCESS_EXAMPLES = max(4, EXAMPLES * 2)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Path]:
    root = tmp_path_factory.mktemp("fuzz-subprocess")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    assert cli("client", "add", "Fuzz Person", "--code", "CR1").code == 0
    return cli, root


def as_bytes(argument: str) -> bytes:
    """The raw bytes a shell would pass: undecodable ones go through untouched (and NUL,
    which no command line can hold, is dropped)."""
    return os.fsencode(argument.replace("\x00", ""))


@settings(FUZZ, max_examples=SUBPROCESS_EXAMPLES)
@given(data=st.data(), command=st.sampled_from(COMMANDS))
def test_the_real_program_refuses_raw_bytes_in_one_line(
    data: st.DataObject, command: Command, program: tuple[Cli, Path], playground: Path
) -> None:
    cli, root = program
    values = values_for(awkward_paths(playground, playground), NAMES)
    argv = data.draw(command_line(command, values))
    raw = [b"--data-dir", as_bytes(str(cli.data_dir)), *(as_bytes(a) for a in argv)]
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"boundary_desk", *raw],
        capture_output=True,
        input=STDIN,
        env=dict(cli.env, BOUNDARY_DESK_PASSPHRASE=PASSPHRASE),
        cwd=root,
        timeout=60,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert_answered_or_refused(proc.returncode, err, raw)
