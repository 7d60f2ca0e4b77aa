from dataclasses import replace
from datetime import date

import pytest

from boundary_desk.domain.clients import Client, ClientStatus, ContactHandle, HandleKind
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.services import Services

HOSTILE_NAMES = [
    "<b>Bold</b> & <img src=x onerror=alert(1)>",
    'Zoë "Zee" O\'Brien 😀',
    "שרה כהן",
    "Ελένη Παπαδοπούλου",
    "Александра Иванова",
    "W" * 120,
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_are_stored_exactly(services: Services, name: str) -> None:
    saved = services.clients.add(Client(code="", display_name=name))
    assert services.clients.get(saved.id or 0).display_name == name


def test_automatic_codes_count_up(services: Services) -> None:
    codes = [services.clients.add(Client(code="", display_name=f"P{i}")).code for i in range(3)]
    assert codes == ["C-001", "C-002", "C-003"]


def test_handles_round_trip_in_order(services: Services) -> None:
    handles = (
        ContactHandle(HandleKind.PHONE, "+1 (416) 555-0100", "mobile"),
        ContactHandle(HandleKind.EMAIL, "ana@example.org"),
        ContactHandle(HandleKind.SOCIAL, "@ana.writes", "Instagram"),
    )
    saved = services.clients.add(Client(code="AN1", display_name="Ana", handles=handles))
    assert saved.handles == handles


def test_duplicate_code_is_refused_and_nothing_written(services: Services) -> None:
    services.clients.add(Client(code="JD-1", display_name="First"))
    with pytest.raises(InvalidInput, match="already used"):
        services.clients.add(Client(code="jd-1", display_name="Second"))
    assert [c.display_name for c in services.clients.list()] == ["First"]


@pytest.mark.parametrize(
    ("client", "message"),
    [
        (Client(code="", display_name="   "), "can't be empty"),
        (Client(code="", display_name="x" * 121), "at most 120"),
        (Client(code="", display_name="line\nbreak"), "single line"),
        (Client(code="a b", display_name="Ok"), "2 to 12 letters"),
        (Client(code="", display_name="Ok", status=ClientStatus.ENDED), "date therapy ended"),
        (
            Client(
                code="",
                display_name="Ok",
                status=ClientStatus.ENDED,
                started_on=date(2026, 5, 1),
                ended_on=date(2026, 4, 1),
            ),
            "end before it started",
        ),
        (
            Client(code="", display_name="Ok", handles=(ContactHandle(HandleKind.EMAIL, "nope"),)),
            "not an email",
        ),
        (
            Client(
                code="", display_name="Ok", handles=(ContactHandle(HandleKind.PHONE, "call me"),)
            ),
            "not a phone number",
        ),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_saved(
    services: Services, client: Client, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.clients.add(client)
    assert services.clients.list(include_archived=True) == []


def test_edit_keeps_id_and_replaces_handles(services: Services) -> None:
    saved = services.clients.add(
        Client(code="", display_name="Ana", handles=(ContactHandle(HandleKind.EMAIL, "a@b.org"),))
    )
    from dataclasses import replace

    edited = services.clients.update(
        replace(
            saved,
            display_name="Ana M.",
            status=ClientStatus.ENDED,
            ended_on=date(2026, 10, 1),
            handles=(),
        )
    )
    assert edited.id == saved.id
    assert edited.display_name == "Ana M."
    assert (edited.status, edited.handles) == (ClientStatus.ENDED, ())


def test_failed_edit_leaves_the_client_as_it_was(services: Services) -> None:
    from dataclasses import replace

    saved = services.clients.add(
        Client(code="", display_name="Ana", handles=(ContactHandle(HandleKind.EMAIL, "a@b.org"),))
    )
    with pytest.raises(InvalidInput):
        services.clients.update(replace(saved, display_name=""))
    assert services.clients.get(saved.id or 0) == saved


def test_archive_hides_and_restore_brings_back(services: Services) -> None:
    saved = services.clients.add(Client(code="", display_name="Ana"))
    services.clients.set_archived(saved.id or 0, True)
    assert services.clients.list() == []
    assert [c.archived for c in services.clients.list(include_archived=True)] == [True]
    services.clients.set_archived(saved.id or 0, False)
    assert [c.display_name for c in services.clients.list()] == ["Ana"]


def test_search_is_case_and_accent_insensitive_over_names_codes_and_handles(
    services: Services,
) -> None:
    services.clients.add(Client(code="ZB-7", display_name="Zoë Brown"))
    services.clients.add(
        Client(code="", display_name="Sam", handles=(ContactHandle(HandleKind.PHONE, "555 0199"),))
    )
    assert [c.display_name for c in services.clients.list(query="zoe")] == ["Zoë Brown"]
    assert [c.display_name for c in services.clients.list(query="zb-")] == ["Zoë Brown"]
    assert [c.display_name for c in services.clients.list(query="0199")] == ["Sam"]
    assert services.clients.list(query="nobody") == []


def test_find_by_code_then_name(services: Services) -> None:
    services.clients.add(Client(code="AB1", display_name="Ana"))
    assert services.clients.find("ab1").display_name == "Ana"
    assert services.clients.find("ANA").code == "AB1"
    with pytest.raises(NotFound):
        services.clients.find("Bea")


def test_two_clients_with_one_name_need_a_code(services: Services) -> None:
    services.clients.add(Client(code="A1", display_name="Sam Lee"))
    services.clients.add(Client(code="A2", display_name="Sam Lee"))
    with pytest.raises(InvalidInput, match="A1, A2"):
        services.clients.find("Sam Lee")


def test_guardian_is_only_kept_for_minors(services: Services) -> None:
    minor = services.clients.add(
        Client(code="", display_name="Teen", is_minor=True, guardian_name="Parent P.")
    )
    adult = services.clients.add(Client(code="", display_name="Adult", guardian_name="Ignored"))
    assert (minor.guardian_name, adult.guardian_name) == ("Parent P.", "")


def test_phone_numbers_are_stored_in_e164_beside_what_was_typed(services: Services) -> None:
    services.settings.set_many({"region": "CA-ON"})
    ana = services.clients.add(
        Client(
            code="AL1",
            display_name="Ana Lima",
            handles=(
                ContactHandle(HandleKind.PHONE, "(416) 555-0142"),
                ContactHandle(HandleKind.EMAIL, "ana@example.org"),
                ContactHandle(HandleKind.PHONE, "+44 20 7946 0958"),
            ),
        )
    )
    assert [h.value for h in ana.handles] == [
        "(416) 555-0142",
        "ana@example.org",
        "+44 20 7946 0958",
    ]
    assert [h.number for h in ana.handles] == ["+14165550142", "", "+442079460958"]
    stored = services.vault.conn.execute("SELECT e164 FROM handle_numbers ORDER BY e164")
    assert [r[0] for r in stored] == ["+14165550142", "+442079460958"]


def test_editing_or_removing_a_number_leaves_no_stale_normalised_copy(
    services: Services,
) -> None:
    services.settings.set_many({"region": "CA-ON"})
    ana = services.clients.add(
        Client(
            code="AL1",
            display_name="Ana Lima",
            handles=(ContactHandle(HandleKind.PHONE, "416-555-0142"),),
        )
    )
    services.clients.update(replace(ana, handles=()))
    assert services.vault.conn.execute("SELECT count(*) FROM handle_numbers").fetchone() == (0,)


def test_purging_a_client_removes_their_normalised_numbers(services: Services) -> None:
    from boundary_desk.storage.stores.purge import purge_client

    gone = services.clients.add(
        Client(
            code="PX9",
            display_name="Former Client",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2012, 6, 30),
            handles=(ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),),
        )
    )
    kept = ContactHandle(HandleKind.PHONE, "+1 905 555 0100")
    services.clients.add(Client(code="KP1", display_name="Kept", handles=(kept,)))
    purge_client(services.vault, gone, 7, date(2026, 11, 22))
    rows = services.vault.conn.execute("SELECT e164 FROM handle_numbers").fetchall()
    assert rows == [("+19055550100",)]
