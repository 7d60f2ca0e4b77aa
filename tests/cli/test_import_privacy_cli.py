"""`boundary-desk import` leaves no trace of a non-client anywhere on disk.

As the product is checked: a marker in a stranger's messages (one-to-one and in a group
MMS with a client) and in their number, imported through the real command line with
the full text kept; then the vault folder, the logs, the crash folder and the temp
folder are searched byte by byte for the marker and the number.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error
from tests.services.import_files import group_mms, messages, sms

WHEN = datetime(2026, 11, 10, 19, 0, tzinfo=UTC)
CLIENT = "+14165550142"
STRANGER = "+14165557391"
MARKER = "QUOKKA-TRACE-58"
# The number as it may be written down: E.164, bare digits, national, or as UTF-16 text.
TRACES = (
    MARKER.encode(),
    MARKER.encode("utf-16-le"),
    b"5557391",
    "5557391".encode("utf-16-le"),
    b"555-7391",
)


@pytest.fixture
def vault(cli: Cli, tmp_path: Path) -> Cli:
    (tmp_path / "tmp").mkdir()
    cli.env["TMPDIR"] = str(tmp_path / "tmp")
    cli.env["XDG_CACHE_HOME"] = str(tmp_path / "home" / "cache")
    cli.env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / "config")
    assert cli("init").code == 0
    assert cli("settings", "set", "region", "CA-ON").code == 0
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0
    assert cli("client", "add", "Robin Bell", "--code", "RB1", "--phone", "416 555 0142").code == 0
    return cli


def stranger_export(folder: Path, *, truncated: bool = False) -> Path:
    folder.mkdir()
    path = messages(
        folder,
        sms(CLIENT, WHEN, "client says hi"),
        sms(STRANGER, WHEN + timedelta(minutes=1), f"{MARKER} dinner at mum's"),
        sms(STRANGER, WHEN + timedelta(minutes=2), f"re {MARKER}", out=True),
        group_mms(STRANGER, [CLIENT], WHEN + timedelta(minutes=3), f"{MARKER} in the group"),
        group_mms(CLIENT, [STRANGER], WHEN + timedelta(minutes=4), "the client, in the group"),
        name="sms-20261110.xml",
    )
    text = path.read_text(encoding="utf-8").replace(
        'contact_name="(Unknown)"', f'contact_name="{MARKER} Aunt"', 2
    )
    if truncated:
        text = text[: text.rindex(MARKER) + 40]  # cut inside the stranger's group message
    path.write_text(text, encoding="utf-8")
    return path


def assert_no_trace(root: Path, export: Path) -> None:
    searched = 0
    for found in root.rglob("*"):
        if found.is_file() and found.parent != export.parent:
            data = found.read_bytes()
            searched += 1
            assert not any(trace in data for trace in TRACES), found.relative_to(root)
    assert searched, "nothing was searched"


def test_a_stranger_in_an_import_never_reaches_the_vault_logs_crash_folder_or_temp(
    vault: Cli, tmp_path: Path
) -> None:
    path = str(stranger_export(tmp_path / "export"))
    shown = vault("import", path, "--dry-run", "--json")
    assert shown.code == 0, shown.err
    doc = shown.json()
    assert [(c["code"], c["new"]) for c in doc["clients"]] == [("RB1", 2)]
    assert doc["others"] == 2 and doc["group_others"] == 1
    done = vault("import", path, "--yes", "--keep-text")
    assert done.code == 0, done.err
    assert "2 new, 0 already imported, for 1 client." in done.out
    for said in (shown, done):
        assert MARKER not in said.out + said.err and "Aunt" not in said.out + said.err
    kept = vault("events", "RB1", "--json").json()
    assert len(kept) == 2
    assert MARKER not in repr(kept) and "5557391" not in repr(kept)
    # The vault's own files, its backups, the logs (and crash reports), config and temp.
    assert (tmp_path / "vault" / "vault.db").is_file()
    assert_no_trace(tmp_path, Path(path))


def test_a_damaged_file_with_a_stranger_leaves_no_trace_either(vault: Cli, tmp_path: Path) -> None:
    path = str(stranger_export(tmp_path / "export", truncated=True))
    assert_user_error(vault("import", path, "--yes"), "damaged", "--keep-whole")
    assert vault("events", "--json").json() == []
    kept = vault("import", path, "--yes", "--keep-whole", "--keep-text")
    assert kept.code == 0, kept.err
    assert MARKER not in kept.out + kept.err
    assert len(vault("events", "--json").json()) == 1
    assert_no_trace(tmp_path, Path(path))
