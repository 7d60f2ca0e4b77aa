"""SystemKeychain accepts real backends and refuses ones that would weaken the vault."""

from __future__ import annotations

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from boundary_desk.storage.errors import KeychainUnavailable
from boundary_desk.storage.keys.keychain import SERVICE, SystemKeychain


class GoodBackend(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("absent")
        del self.store[(service, username)]


class LockedBackend(GoodBackend):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


class PlaintextBackend(GoodBackend):
    """Stands in for keyrings.alt's plaintext file keyring."""


PlaintextBackend.__module__ = "keyrings.alt.file"


def test_a_working_backend_stores_loads_and_deletes() -> None:
    backend = GoodBackend()
    chain = SystemKeychain(backend)
    assert chain.available() == (True, "GoodBackend")
    chain.store("abc", "00ff")
    assert backend.store == {(SERVICE, "vault-abc"): "00ff"}
    assert chain.load("abc") == "00ff"
    chain.delete("abc")
    chain.delete("abc")  # already gone: not an error
    assert chain.load("abc") is None


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(), PlaintextBackend()])
def test_fail_and_plaintext_backends_are_refused(backend: keyring.backend.KeyringBackend) -> None:
    usable, reason = SystemKeychain(backend).available()
    assert not usable
    assert "No working system keychain" in reason


def test_a_locked_keychain_is_a_clear_message() -> None:
    chain = SystemKeychain(LockedBackend())
    with pytest.raises(KeychainUnavailable, match="refused"):
        chain.store("abc", "00")
    with pytest.raises(KeychainUnavailable, match="recovery key"):
        chain.load("abc")
