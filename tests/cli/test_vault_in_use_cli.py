"""A command run while the vault is open elsewhere: refused or waited for, in one sentence."""

from __future__ import annotations

import json
import time
from datetime import date

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.services import Services
from boundary_desk.storage.errors import VAULT_IN_USE
from boundary_desk.storage.vault.location import VaultLocation
from tests.cli.conftest import PASSPHRASE, Cli, assert_user_error
from tests.vault_holder import Holder


def started(cli: Cli) -> str:
    """A vault with one client and a backup of it; returns the backup's folder."""
    assert cli("init", "--json").code == 0
    assert cli("client", "add", "Ana Lima", "--code", "AL1").code == 0
    made = cli("backup", "--json")
    assert made.code == 0, made.err
    return str(made.json()["path"])


def test_restore_is_refused_while_the_vault_is_open_elsewhere(cli: Cli) -> None:
    backup = started(cli)
    assert cli("client", "add", "Bea Cole", "--code", "BC2").code == 0
    with Holder(cli.data_dir, PASSPHRASE):
        refused = cli("restore", backup, "--yes")
    assert_user_error(refused, "open in another window or command")
    assert refused.err.strip() == f"boundary-desk: {VAULT_IN_USE}"
    assert not list((cli.data_dir / "backups").glob("replaced-*"))
    assert len(cli("client", "list", "--json").json()) == 2  # nothing was taken back
    assert cli("restore", backup, "--yes").code == 0  # and alone, it goes ahead


def test_purge_and_protection_changes_are_refused_while_the_vault_is_open_elsewhere(
    cli: Cli, location: VaultLocation
) -> None:
    started(cli)
    services = Services.open(location.unlock(passphrase=PASSPHRASE))
    services.clients.add(
        Client(
            code="PX9",
            display_name="Past Client",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
        )
    )
    services.close()
    key_before = wraps_and_mode(location)
    with Holder(cli.data_dir, PASSPHRASE):
        assert_user_error(cli("purge", "PX9", "--yes"), VAULT_IN_USE)
        new = {"BOUNDARY_DESK_NEW_PASSPHRASE": "another long passphrase"}
        assert_user_error(cli("protection", "passphrase", **new), VAULT_IN_USE)
    assert wraps_and_mode(location) == key_before
    listed = cli("client", "list", "--all", "--json").json()
    assert "PX9" in [c["code"] for c in listed]


def test_a_write_waits_for_another_process_then_says_so_in_one_sentence(cli: Cli) -> None:
    started(cli)
    with Holder(cli.data_dir, PASSPHRASE, mode="write"):
        began = time.monotonic()
        busy = cli("log", "AL1", "--channel", "email", "--direction", "in")
        waited = time.monotonic() - began
    assert_user_error(busy, "in use by another boundary desk window or command")
    assert busy.err.strip().endswith("nothing was changed; try again in a moment.")
    assert waited >= 5  # busy_timeout: the other write was given time to finish
    assert cli("events", "AL1", "--json").json() == []
    # Once the other write is over, the same command succeeds.
    assert cli("log", "AL1", "--channel", "email", "--direction", "in").code == 0
    assert len(cli("events", "AL1", "--json").json()) == 1


def test_a_new_recovery_key_is_never_shown_while_the_vault_is_open_elsewhere(
    cli: Cli, location: VaultLocation
) -> None:
    """Refused before a key is printed: a key shown and then "not issued" invites a
    clinician to write down a key that opens nothing."""
    started(cli)
    key_before = wraps_and_mode(location)
    new = {"BOUNDARY_DESK_NEW_PASSPHRASE": "another long passphrase"}
    with Holder(cli.data_dir, PASSPHRASE):
        for args in (("recovery-key", "new"), ("protection", "rekey")):
            refused = cli(*args, **new)
            assert_user_error(refused, VAULT_IN_USE)
            assert refused.out.strip() == "", args  # no recovery key on screen
            assert refused.err.strip() == f"boundary-desk: {VAULT_IN_USE}"
    assert wraps_and_mode(location) == key_before


def wraps_and_mode(location: VaultLocation) -> dict[str, object]:
    """The key file but its audit anchor, which the other process's unlock and lock move."""
    return {**json.loads(location.paths.key_file.read_bytes()), "audit_head": None}
