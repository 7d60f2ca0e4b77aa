"""The full integrity check as the app and the CLI run it: recorded, and plain on failure."""

from __future__ import annotations

import pytest

from boundary_desk.domain.clients import Client
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services, integrity


def test_a_sound_vault_passes_the_full_check(services: Services) -> None:
    services.clients.add(Client(code="", display_name="Ada"))

    integrity.check_vault(services)


def test_a_trail_that_cant_be_vouched_for_fails_the_check(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(services.vault), "anchor_problems", lambda self: ["rows are missing"])

    with pytest.raises(InvalidInput, match=r"can't be vouched for \(rows are missing\)"):
        integrity.check_vault(services)


def test_the_check_is_recorded_and_a_failure_says_how_to_restore(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = integrity.check_vault(services)
    assert found.passed and found.reason == "check"
    assert integrity.last_check(services) == found

    monkeypatch.setattr(
        "boundary_desk.storage.vault.integrity.problems_in", lambda conn: ("a page is damaged",)
    )
    with pytest.raises(InvalidInput, match=r"failed its integrity check \(a page is damaged\)"):
        integrity.check_vault(services)
    last = integrity.last_check(services)
    assert last is not None and last.problems == ("a page is damaged",)
