"""backup, backups, restore and check through the CLI, as a clinician would use them."""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.cli.conftest import Cli, assert_user_error


def test_backup_delete_restore_round_trip(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "--json").code == 0
    cli("client", "add", "Round Trip Client", "--code", "RT1")
    cli(
        "log",
        "RT1",
        "--channel",
        "text",
        "--direction",
        "in",
        "--at",
        "2026-11-17T22:10",
        "--summary",
        "Please call back",
    )
    elsewhere = tmp_path / "usb"
    made = cli("backup", "--to", str(elsewhere), "--json")
    assert made.code == 0, made.err
    assert made.json()["verified"] is True
    before = (cli("client", "list", "--json").json(), cli("events", "--json").json())
    listed = cli("backups", "--to", str(elsewhere), "--json").json()
    assert [b["path"] for b in listed] == [made.json()["path"]]

    shutil.rmtree(cli.data_dir)
    assert_user_error(cli("client", "list"), "boundary-desk init")
    restored = cli("restore", made.json()["path"], "--yes")
    assert restored.code == 0, restored.err
    # It says which moment came back, and what it holds.
    assert "(1 client, 1 logged contact, verified)" in restored.out
    listing = cli("backups", "--to", str(elsewhere)).out
    assert "(1 client, 1 logged contact, verified)" in listing
    after = (cli("client", "list", "--json").json(), cli("events", "--json").json())
    assert after == before
    assert cli("check").code == 0


def test_restore_needs_confirmation_without_a_terminal(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    made = cli("backup", "--json").json()
    assert_user_error(cli("restore", made["path"]), "--yes")


def test_backup_on_the_same_disk_says_so(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    result = cli("backup")
    assert result.code == 0
    assert "same disk" in result.err


def test_restoring_something_that_is_not_a_backup(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", "--json").code == 0
    assert_user_error(cli("restore", str(tmp_path), "--yes"), "not a Boundary Desk backup")


def test_backup_goes_to_the_folder_set_in_settings(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    drive = tmp_path / "drive" / "Boundary Desk backups"
    assert cli("settings", "set", "backups", str(drive)).code == 0

    made = cli("backup", "--json")

    assert made.code == 0, made.err
    assert made.json()["path"].startswith(str(drive))
    assert "same disk" in made.err  # tmp_path is on the vault's disk, and the notice says so
    assert not (cli.data_dir / "backups").exists()
    assert_user_error(cli("settings", "set", "backups", "relative/folder"), "full path")


def test_a_backup_taken_during_writes_restores_exactly_what_it_counted(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import threading

    assert cli("init").code == 0
    assert cli("client", "add", "Busy Client", "--code", "BC1").code == 0
    written: list[str] = []

    def keep_logging() -> None:
        for i in range(8):
            summary = f"written during the backup {i}"
            result = cli(
                "log", "BC1", "--channel", "text", "--direction", "in", "--summary", summary
            )
            if result.code == 0:
                written.append(summary)

    writer = threading.Thread(target=keep_logging)
    writer.start()
    made = cli("backup", "--to", str(tmp_path / "usb"), "--json")
    writer.join()
    assert made.code == 0, made.err
    final = cli("events", "--json").json()
    assert [e["summary"] for e in final] == written  # every write also landed

    shutil.rmtree(cli.data_dir)
    assert cli("restore", made.json()["path"], "--yes").code == 0

    restored = cli("events", "--json").json()
    # The backup is one moment of the vault: its count, and exactly the records before it.
    assert len(restored) == made.json()["counts"]["events"]
    assert restored == final[: len(restored)]
    assert cli("check").code == 0
    assert cli("audit", "verify").code == 0


def test_backup_times_are_local_as_in_the_app_never_utc(cli: Cli) -> None:
    assert cli("init", "--json").code == 0
    assert cli("settings", "set", "timezone", "Asia/Tokyo").code == 0
    made = cli("backup", "--json").json()
    created = datetime.fromisoformat(made["created_at"])
    assert created.tzinfo is not None

    # Locked, the practice's zone can't be read: the computer's own, named.
    listed = cli("backups", TZ="America/Toronto")
    assert listed.code == 0, listed.err
    assert listed.out.splitlines()[0] == "Times in America/Toronto, this computer's zone."
    toronto = created.astimezone(ZoneInfo("America/Toronto"))
    assert f"{toronto:%Y-%m-%d %H:%M} {toronto.tzname()} (" in listed.out
    assert "UTC" not in listed.out

    # Once the vault is open, the practice's zone, as the app shows it.
    restored = cli("restore", made["path"], "--yes", TZ="America/Toronto")
    assert restored.code == 0, restored.err
    tokyo = created.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"made {tokyo:%Y-%m-%d %H:%M} JST (" in restored.out
    assert "UTC" not in restored.out
