from boundary_desk.services import Services
from boundary_desk.storage.vault.location import VaultLocation


def test_a_draft_survives_closing_the_vault(location: VaultLocation) -> None:
    services = Services.open(location.create().vault)
    services.drafts.save("quick-log", {"client": "C-001", "summary": "Half typed <b>"})
    services.close()
    reopened = Services.open(location.unlock())
    assert reopened.drafts.load("quick-log") == {"client": "C-001", "summary": "Half typed <b>"}
    reopened.drafts.clear("quick-log")
    assert reopened.drafts.load("quick-log") is None
    reopened.close()


def test_a_draft_is_never_plaintext_on_disk(location: VaultLocation, data_dir) -> None:  # type: ignore[no-untyped-def]
    services = Services.open(location.create().vault)
    services.drafts.save("quick-log", {"summary": "Zebrafinch-marker-77"})
    services.close()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert b"Zebrafinch-marker-77" not in path.read_bytes()


def test_an_oversized_draft_keeps_the_previous_one(services: Services) -> None:
    services.drafts.save("quick-log", {"summary": "short"})
    services.drafts.save("quick-log", {"summary": "x" * 300_000})
    assert services.drafts.load("quick-log") == {"summary": "short"}
