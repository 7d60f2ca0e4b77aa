"""A new vault made with a key shown first, and the keys that open it changed safely."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services, session, setup
from boundary_desk.services.session import PassphraseRequired, VaultLocation, VaultState
from boundary_desk.storage.errors import (
    KeychainUnavailable,
    VaultInUse,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from tests.conftest import PASSPHRASE
from tests.fakes import MemoryKeychain
from tests.vault_holder import Holder

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
KEY_SHAPE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){8}$")


class RefusingKeychain(MemoryKeychain):
    """Says it works, then refuses to store anything (a locked login keyring, say)."""

    def store(self, vault_id: str, secret_hex: str) -> None:
        raise KeychainUnavailable("The system keychain refused to store the key.")


def test_a_plan_holds_a_fresh_key_and_id_before_any_vault_exists(location: VaultLocation) -> None:
    first, second = setup.plan_vault(None, NOW), setup.plan_vault(PASSPHRASE, NOW)

    assert KEY_SHAPE.match(first.recovery_key)
    assert first.recovery_key != second.recovery_key
    assert first.vault_id != second.vault_id
    assert (first.key_mode, second.key_mode) == ("keychain", "passphrase")
    assert location.state() is VaultState.ABSENT


def test_a_plan_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        setup.plan_vault(None, NOW.replace(tzinfo=None))  # naive on purpose


def test_the_vault_made_from_a_plan_opens_with_the_key_shown(location: VaultLocation) -> None:
    plan = setup.plan_vault(PASSPHRASE, NOW)

    created = plan.create(location)

    assert created.recovery_key == plan.recovery_key
    assert created.vault.key_file.vault_id == plan.vault_id
    created.vault.close()
    session.lock(session.recover(location, plan.recovery_key, "another long passphrase"))


def test_a_working_keychain_passes_the_check_and_keeps_nothing(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    setup.check_keychain(location)

    assert keychain.entries == {}


@pytest.mark.parametrize(
    "keychain", [MemoryKeychain(working=False), RefusingKeychain()], ids=["none", "refuses"]
)
def test_a_keychain_that_cant_hold_the_key_asks_for_a_passphrase(
    location: VaultLocation,
) -> None:
    with pytest.raises(PassphraseRequired, match="Choose a master passphrase instead"):
        setup.check_keychain(location)


def test_a_new_vault_whose_key_was_never_shown_is_taken_back(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    created = location.create()

    setup.discard_new_vault(location, created)

    assert location.state() is VaultState.ABSENT
    assert keychain.entries == {}


def test_a_new_recovery_key_replaces_the_old_one(
    services: Services, location: VaultLocation
) -> None:
    key = setup.new_recovery_key()

    setup.replace_recovery_key(services, key)

    services.close()
    with pytest.raises(WrongRecoveryKey):
        session.recover(location, setup.new_recovery_key(), PASSPHRASE)
    session.lock(session.recover(location, key, PASSPHRASE))


def test_rekeying_hands_back_the_open_vault_with_its_records(
    services: Services, location: VaultLocation
) -> None:
    services.clients.add(Client(code="", display_name="Zoë Martin"))
    key = setup.new_recovery_key()

    rekeyed = setup.rekey(services, key, None)

    try:
        assert not services.vault.is_open
        assert [c.display_name for c in rekeyed.clients.list()] == ["Zoë Martin"]
    finally:
        session.lock(rekeyed)
    session.lock(session.recover(location, key, PASSPHRASE))


def test_a_weak_new_passphrase_is_refused_before_anything_changes(
    location: VaultLocation,
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        with pytest.raises(WeakPassphrase):
            setup.rekey(opened, setup.new_recovery_key(), "short", current=PASSPHRASE)
        assert opened.vault.is_open
    finally:
        session.lock(opened)
    session.lock(session.unlock(location, PASSPHRASE))


def test_a_new_key_is_refused_while_another_process_has_the_vault(
    location: VaultLocation, data_dir: Path
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        setup.refuse_if_open_elsewhere(opened)  # alone: nothing to refuse
        with Holder(data_dir, PASSPHRASE), pytest.raises(VaultInUse):
            setup.refuse_if_open_elsewhere(opened)
    finally:
        session.lock(opened)


# -- how the key is held: the Vault menu and `boundary-desk protection` share these -------


def _protection_rows(services: Services) -> list[dict[str, object]]:
    from boundary_desk.storage.audit import trail as audit

    return [
        row.details()
        for row in audit.history(services.vault.conn, limit=1000)
        if row.action == "protection"
    ]


def test_switching_to_a_passphrase_makes_it_the_one_way_in(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    opened = Services.open(location.create().vault)
    opened.clients.add(Client(code="", display_name="Noor Haddad"))
    try:
        setup.use_passphrase(opened, PASSPHRASE)
        assert _protection_rows(opened) == [{"key": "passphrase"}]
    finally:
        session.lock(opened)

    assert session.needs_passphrase(location)
    assert keychain.entries == {}  # the keychain no longer holds it
    with pytest.raises(PassphraseRequired):
        session.unlock(location)
    reopened = session.unlock(location, PASSPHRASE)
    assert [c.display_name for c in reopened.clients.list()] == ["Noor Haddad"]
    session.lock(reopened)


def test_switching_back_to_the_keychain_drops_the_passphrase(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        setup.use_keychain(opened, PASSPHRASE)
        assert _protection_rows(opened) == [{"key": "keychain"}]
    finally:
        session.lock(opened)

    assert not session.needs_passphrase(location)
    assert len(keychain.entries) == 1
    session.lock(session.unlock(location))  # no passphrase asked


def test_the_keychain_is_not_used_without_the_current_passphrase(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        for wrong in ("", None, PASSPHRASE + "x"):
            with pytest.raises(setup.WrongCurrentPassphrase, match=r"[Nn]othing was changed"):
                setup.use_keychain(opened, wrong)
        assert _protection_rows(opened) == []
    finally:
        session.lock(opened)
    assert keychain.entries == {}
    assert session.needs_passphrase(location)
    session.lock(session.unlock(location, PASSPHRASE))


def test_a_keychain_that_cant_be_used_leaves_the_passphrase_in_place(
    location: VaultLocation, keychain: MemoryKeychain
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    keychain.working = False
    try:
        with pytest.raises(KeychainUnavailable, match="keeps using your passphrase"):
            setup.use_keychain(opened, PASSPHRASE)
        assert _protection_rows(opened) == []
    finally:
        session.lock(opened)
    assert session.needs_passphrase(location)
    session.lock(session.unlock(location, PASSPHRASE))


def test_changing_the_passphrase_retires_the_old_one(location: VaultLocation) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        with pytest.raises(WeakPassphrase):
            setup.change_passphrase(opened, PASSPHRASE, "short")
        setup.change_passphrase(opened, PASSPHRASE, "a new and longer harbour passphrase")
        assert _protection_rows(opened) == [{"key": "changed passphrase"}]
    finally:
        session.lock(opened)
    with pytest.raises(WrongPassphrase):
        session.unlock(location, PASSPHRASE)
    session.lock(session.unlock(location, "a new and longer harbour passphrase"))


def test_a_keychain_vault_has_no_passphrase_to_change(location: VaultLocation) -> None:
    opened = Services.open(location.create().vault)
    try:
        with pytest.raises(InvalidInput, match="no passphrase to change"):
            setup.change_passphrase(opened, None, "a new and longer harbour passphrase")
    finally:
        session.lock(opened)
    assert not session.needs_passphrase(location)


@pytest.mark.parametrize("current", [None, "", "a calm harbour at dawn", PASSPHRASE + " "])
def test_a_wrong_or_missing_current_passphrase_changes_nothing(
    location: VaultLocation, current: str | None
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    wraps = json.loads(location.paths.key_file.read_text())["wraps"]
    try:
        with pytest.raises(setup.WrongCurrentPassphrase, match=r"[Nn]othing was changed"):
            setup.change_passphrase(opened, current, "a new and longer harbour passphrase")
        with pytest.raises(setup.WrongCurrentPassphrase, match=r"[Nn]othing was changed"):
            setup.rekey(opened, setup.new_recovery_key(), "another harbour", current=current)
        assert opened.vault.is_open  # not closed for a re-key that never started
        assert _protection_rows(opened) == []
    finally:
        session.lock(opened)
    assert json.loads(location.paths.key_file.read_text())["wraps"] == wraps
    session.lock(session.unlock(location, PASSPHRASE))  # still the old one
    with pytest.raises(WrongPassphrase):
        session.unlock(location, "a new and longer harbour passphrase")


def test_the_current_passphrase_is_checked_against_the_open_vault(location: VaultLocation) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        assert setup.needs_current_passphrase(opened)
        setup.confirm_current_passphrase(opened, PASSPHRASE)  # the right one: no error
        rekeyed = setup.rekey(
            opened, setup.new_recovery_key(), "the harbour, rekeyed", current=PASSPHRASE
        )
        assert not opened.vault.is_open
    finally:
        session.lock(opened)
    try:
        with pytest.raises(setup.WrongCurrentPassphrase):  # the old one stopped with the re-key
            setup.confirm_current_passphrase(rekeyed, PASSPHRASE)
        setup.confirm_current_passphrase(rekeyed, "the harbour, rekeyed")
    finally:
        session.lock(rekeyed)


def test_a_keychain_vault_is_changed_without_a_current_passphrase(
    location: VaultLocation,
) -> None:
    opened = Services.open(location.create().vault)
    try:
        assert not setup.needs_current_passphrase(opened)
        setup.confirm_current_passphrase(opened, None)  # nothing to ask
        setup.use_passphrase(opened, PASSPHRASE)
        with pytest.raises(InvalidInput, match="asks for the current one"):
            setup.use_passphrase(opened, "a way round the current one")  # no way round it
    finally:
        session.lock(opened)
    session.lock(session.unlock(location, PASSPHRASE))


def test_the_key_is_not_moved_while_another_process_has_the_vault(
    location: VaultLocation, data_dir: Path
) -> None:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        with Holder(data_dir, PASSPHRASE), pytest.raises(VaultInUse):
            setup.use_keychain(opened, PASSPHRASE)
    finally:
        session.lock(opened)
    assert session.needs_passphrase(location)
