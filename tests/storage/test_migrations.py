"""The migration mechanism: numbered steps, user_version, a copy first, newer refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from boundary_desk.services import Services
from boundary_desk.storage.db import migrations
from boundary_desk.storage.db.connection import open_database, transaction
from boundary_desk.storage.db.migrations import Migration, migrate, schema_version
from boundary_desk.storage.errors import SchemaTooNew
from boundary_desk.storage.keys.secret_key import SecretKey
from boundary_desk.storage.vault.location import VaultLocation

KEY = bytes(range(32))
STEP_1 = Migration(1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
STEP_2 = Migration(2, "note titles", "ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT ''")
BROKEN_3 = Migration(
    3, "half-broken", "CREATE TABLE tags (id INTEGER PRIMARY KEY); CREATE TABLE tags (x)"
)


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    conn = open_database(tmp_path / "t.db", KEY, create=True)
    yield conn
    conn.close()


def test_steps_apply_in_order_and_set_user_version(db) -> None:  # type: ignore[no-untyped-def]
    assert migrate(db, steps=[STEP_1]) == 1
    db.execute("INSERT INTO notes (body) VALUES ('kept')")
    copies: list[int] = []
    assert migrate(db, steps=[STEP_1, STEP_2], before_upgrade=copies.append) == 2
    assert copies == [1]
    assert db.execute("SELECT body, title FROM notes").fetchall() == [("kept", "")]


def test_up_to_date_vault_is_left_alone(db) -> None:  # type: ignore[no-untyped-def]
    migrate(db, steps=[STEP_1])
    copies: list[int] = []
    migrate(db, steps=[STEP_1], before_upgrade=copies.append)
    assert copies == []


def test_a_new_vault_needs_no_copy(db) -> None:  # type: ignore[no-untyped-def]
    copies: list[int] = []
    migrate(db, steps=[STEP_1, STEP_2], before_upgrade=copies.append)
    assert copies == []


def test_a_failing_step_leaves_the_previous_version_intact(db) -> None:  # type: ignore[no-untyped-def]
    migrate(db, steps=[STEP_1, STEP_2])
    with pytest.raises(Exception, match="already exists"):
        migrate(db, steps=[STEP_1, STEP_2, BROKEN_3])
    assert schema_version(db) == 2
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "tags" not in tables


def test_a_newer_schema_is_refused_without_change(db) -> None:  # type: ignore[no-untyped-def]
    migrate(db, steps=[STEP_1, STEP_2])
    with pytest.raises(SchemaTooNew, match="newer Boundary Desk"):
        migrate(db, steps=[STEP_1])
    assert schema_version(db) == 2


def test_gaps_in_numbering_are_a_programming_error(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="numbered"):
        migrate(db, steps=[STEP_2])


def test_released_steps_are_numbered_from_one() -> None:
    assert [m.version for m in migrations.MIGRATIONS] == list(
        range(1, len(migrations.MIGRATIONS) + 1)
    )


def test_upgrading_a_real_vault_writes_an_encrypted_copy_first(
    location: VaultLocation, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.domain.clients import Client

    created = location.create()
    Services.open(created.vault).clients.add(Client(code="", display_name="Before Upgrade"))
    created.vault.close()
    extra = Migration(
        len(migrations.MIGRATIONS) + 1,
        "test-only column",
        "ALTER TABLE clients ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    monkeypatch.setattr(
        "boundary_desk.storage.vault.opening.migrate",
        lambda conn, before_upgrade=None: migrate(
            conn, steps=migrations.MIGRATIONS, before_upgrade=before_upgrade
        ),
    )
    vault = location.unlock()
    assert schema_version(vault.conn) == extra.version
    vault.close()
    released = extra.version - 1
    copies = list((data_dir / "backups").glob(f"pre-migration-v{released}-*.db"))
    assert len(copies) == 1
    assert copies[0].stat().st_mode & 0o777 == 0o600
    assert b"Before Upgrade" not in copies[0].read_bytes()
    copy = open_database(copies[0], _vault_key(location))
    assert schema_version(copy) == released
    assert copy.execute("SELECT display_name FROM clients").fetchall() == [("Before Upgrade",)]
    copy.close()


def _vault_key(location: VaultLocation) -> SecretKey:
    vault = location.unlock()
    key = vault._vault_key.copy()  # closing wipes the vault's own
    vault.close()
    return key


def test_an_old_vault_gains_the_normalised_phone_numbers(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boundary_desk.services.clients import list_clients

    before_numbers = migrations.MIGRATIONS[:7]
    for module in ("creating", "opening"):
        monkeypatch.setattr(
            f"boundary_desk.storage.vault.{module}.migrate",
            lambda conn, before_upgrade=None: migrate(
                conn, steps=before_numbers, before_upgrade=before_upgrade
            ),
        )
    created = location.create()
    conn = created.vault.conn
    assert schema_version(conn) == 7
    with transaction(conn):  # as the version-7 app wrote them
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('region', 'GB', '2026-01-01')"
        )
        conn.execute(
            "INSERT INTO clients (id, code, display_name, created_at, updated_at) "
            "VALUES (1, 'AL1', 'Ana Lima', '2026-01-01', '2026-01-01')"
        )
        conn.executemany(
            "INSERT INTO client_handles (client_id, kind, value, position) VALUES (1, ?, ?, ?)",
            [
                ("phone", "020 7946 0958", 0),
                ("phone", "+1 416 555 0142", 1),
                ("phone", "ext. 12", 2),
                ("email", "ana@example.org", 3),
            ],
        )
    created.vault.close()
    monkeypatch.undo()

    vault = location.unlock()
    assert schema_version(vault.conn) == migrations.LATEST_VERSION  # 8 and on
    numbers = vault.conn.execute(
        "SELECT h.value, n.e164 FROM client_handles h JOIN handle_numbers n ON n.handle_id = h.id "
        "ORDER BY h.position"
    ).fetchall()
    assert numbers == [("020 7946 0958", "+442079460958"), ("+1 416 555 0142", "+14165550142")]
    services = Services.open(vault)
    assert [c.code for c in list_clients(services, "+44 20 7946 0958")] == ["AL1"]
    assert [c.code for c in list_clients(services, "(416) 555-0142")] == ["AL1"]
    kept = services.clients.get(1).handles
    assert [h.value for h in kept] == [
        "020 7946 0958",
        "+1 416 555 0142",
        "ext. 12",
        "ana@example.org",
    ]
    vault.close()


def test_a_vault_from_before_signed_details_were_kept_opens_and_reprints(
    location: VaultLocation,
) -> None:
    """Schema 8 had no agreement_practice; its signed agreements reprint with today's."""
    from dataclasses import replace
    from datetime import date

    from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
    from boundary_desk.domain.clients import Client
    from boundary_desk.services.agreements import practice_for, sign, starting_point

    created = location.create()
    services = Services.open(created.vault)
    services.settings.set("phone", "416 555 0100")
    client = services.clients.add(Client(code="", display_name="Old Vault"))
    draft, _ = starting_point(services, client)
    draft = replace(
        draft.with_terms(ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))),
        client_signed_on=date(2026, 11, 1),
        clinician_signed_on=date(2026, 11, 1),
        review_on=date(2027, 5, 1),
    )
    sign(services, draft, date(2026, 11, 2))
    services.vault.conn.execute("DROP TABLE agreement_practice")
    services.vault.conn.execute("DROP TABLE save_folders")  # nor this, from schema 10
    services.vault.conn.execute("DROP TABLE complex_events")  # nor this, from schema 13
    services.vault.conn.execute("DROP TABLE client_preferences")  # nor this, from schema 14
    services.vault.conn.execute("DROP TABLE sessions")  # nor this, from schema 12
    services.vault.conn.execute("DROP TABLE agreement_languages")  # nor these, from schema 15
    services.vault.conn.execute("DROP TABLE clause_edits")
    services.vault.conn.execute("DROP TABLE imported_events")  # nor these, from schema 11
    services.vault.conn.execute("DROP TABLE imports")
    services.vault.conn.execute("PRAGMA user_version = 8")
    created.vault.close()

    reopened = Services.open(location.unlock())
    assert schema_version(reopened.vault.conn) == migrations.LATEST_VERSION
    [old] = reopened.agreements.history(client.id or 0)
    assert reopened.agreements.practice(old.id or 0) == {}
    reopened.settings.set("phone", "416 555 0199")
    assert practice_for(reopened, old).phone == "416 555 0199"  # nothing kept: today's
    reopened.close()


def test_a_vault_from_before_save_folders_were_kept_opens_with_none_kept(
    location: VaultLocation,
) -> None:
    """Schema 9 kept no folders (the desktop's settings did); it opens with none kept."""
    created = location.create()
    created.vault.conn.execute("DROP TABLE save_folders")
    created.vault.conn.execute("DROP TABLE complex_events")  # from schema 13
    created.vault.conn.execute("DROP TABLE client_preferences")  # from schema 14
    created.vault.conn.execute("DROP TABLE sessions")  # from schema 12
    created.vault.conn.execute("DROP TABLE agreement_languages")  # from schema 15
    created.vault.conn.execute("DROP TABLE clause_edits")
    created.vault.conn.execute("DROP TABLE imported_events")  # from schema 11
    created.vault.conn.execute("DROP TABLE imports")
    created.vault.conn.execute("PRAGMA user_version = 9")
    created.vault.close()

    reopened = Services.open(location.unlock())
    assert schema_version(reopened.vault.conn) == migrations.LATEST_VERSION == 15
    assert reopened.save_folders.all() == {}
    reopened.save_folders.set("record", "/home/me/Records")
    assert reopened.save_folders.get("record") == "/home/me/Records"
    reopened.close()


BEFORE_COMPLEX = 12  # the last schema without the complex or emotional mark


def test_a_vault_from_before_the_complex_mark_upgrades_with_its_entries_intact(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema-12 vault, made by the migrations of its day, keeps every entry and its
    warning; none is marked complex, a new one can be, and the audit trail still holds."""
    from datetime import UTC, datetime

    from boundary_desk.domain.clients import Client
    from boundary_desk.domain.events import (
        Category,
        ContactChannel,
        ContactEvent,
        Direction,
        EventKind,
    )
    from boundary_desk.services.audit_trail import verify

    steps = migrations.MIGRATIONS[:BEFORE_COMPLEX]
    with monkeypatch.context() as patch:
        patch.setattr(
            "boundary_desk.storage.vault.creating.migrate",
            lambda conn, before_upgrade=None: migrations.migrate(
                conn, steps=steps, before_upgrade=before_upgrade
            ),
        )
        created = location.create()
    conn = created.vault.conn
    assert schema_version(conn) == BEFORE_COMPLEX
    with transaction(conn):  # the client as that app wrote it (no preferred channel yet)
        conn.execute(
            "INSERT INTO clients (code, display_name, created_at, updated_at) "
            "VALUES ('C-001', 'Old Entry', '2026-11-01', '2026-11-01')"
        )
    client = Client(code="C-001", display_name="Old Entry", id=1)
    with transaction(conn):  # as the app of the day wrote an entry, column by column
        conn.execute(
            "INSERT INTO events (client_id, kind, occurred_at, channel, direction, category, "
            "summary, raise_next_session, created_at, updated_at) "
            "VALUES (?, 'contact', '2026-11-20T22:00:00+00:00', 'text', 'in', 'clinical', "
            "'asked about the dose', 1, '2026-11-20T22:05:00+00:00', "
            "'2026-11-20T22:05:00+00:00')",
            (client.id,),
        )
        conn.execute(
            "INSERT INTO event_warnings (event_id, code, message, related) "
            "VALUES (1, 'after_hours', 'A text after hours.', '')"
        )
    created.vault.close()

    reopened = Services.open(location.unlock())
    assert schema_version(reopened.vault.conn) == migrations.LATEST_VERSION
    [old] = reopened.events.list()
    assert (old.channel, old.category, old.summary) == (
        ContactChannel.TEXT,
        Category.CLINICAL,
        "asked about the dose",
    )
    assert old.raise_next_session is True
    assert old.is_complex is False
    assert [w.code for w in reopened.events.warnings(old.id or 0)] == ["after_hours"]
    new = reopened.events.add(
        ContactEvent(
            client_id=client.id or 0,
            kind=EventKind.CONTACT,
            occurred_at=datetime(2026, 11, 21, 15, 0, tzinfo=UTC),
            channel=ContactChannel.EMAIL,
            direction=Direction.IN,
            category=Category.ADMIN,
            is_complex=True,
        ),
        [],
    )
    assert reopened.events.get(new.id or 0).is_complex is True
    assert verify(reopened).intact
    reopened.close()


def test_a_vault_at_schema_12_upgrades_with_its_clients_intact_and_preferences_audited(
    location: VaultLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 12 had no preferred channel: its clients and their contacts come through
    whole, with none recorded, and a preference set after is in the audit trail."""
    from boundary_desk.domain.clients import ChannelComfort
    from boundary_desk.domain.events import ContactChannel
    from boundary_desk.services.audit_trail import verify
    from boundary_desk.storage.audit.verify import trigger_problems

    before = migrations.MIGRATIONS[:12]
    for module in ("creating", "opening"):
        monkeypatch.setattr(
            f"boundary_desk.storage.vault.{module}.migrate",
            lambda conn, before_upgrade=None: migrate(
                conn, steps=before, before_upgrade=before_upgrade
            ),
        )
    created = location.create()
    conn = created.vault.conn
    assert schema_version(conn) == 12
    with transaction(conn):  # as the version-12 app wrote them
        conn.execute(
            "INSERT INTO clients (id, code, display_name, is_minor, guardian_name, created_at, "
            "updated_at) VALUES (1, 'AL1', 'Ana Lima', 1, 'Rui Lima', '2026-01-01', '2026-01-01')"
        )
        conn.execute(
            "INSERT INTO client_handles (client_id, kind, value, position) "
            "VALUES (1, 'email', 'ana@example.org', 0)"
        )
        conn.execute(
            "INSERT INTO events (client_id, kind, occurred_at, channel, direction, created_at, "
            "updated_at) VALUES (1, 'contact', '2026-11-10T15:00:00+00:00', 'email', 'in', "
            "'2026-11-10', '2026-11-10')"
        )
        # Texts answered, the reply's channel not given: the app of the day flagged them.
        for event_id, acknowledged in ((2, None), (3, "2026-11-12T10:00:00+00:00")):
            conn.execute(
                "INSERT INTO events (id, client_id, kind, occurred_at, channel, direction, "
                "category, replied_at, created_at, updated_at) VALUES (?, 1, 'contact', "
                "'2026-11-11T15:00:00+00:00', 'text', 'in', 'clinical', "
                "'2026-11-11T16:00:00+00:00', '2026-11-11', '2026-11-11')",
                (event_id,),
            )
            conn.execute(
                "INSERT INTO event_warnings (event_id, code, message, acknowledged_at) "
                "VALUES (?, 'reply_poor_fit', 'You wrote clinical content by text message', ?)",
                (event_id, acknowledged),
            )
    audited_before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    created.vault.close()
    monkeypatch.undo()

    vault = location.unlock()
    assert schema_version(vault.conn) == migrations.LATEST_VERSION == 15
    services = Services.open(vault)
    ana = services.clients.get(1)
    assert (ana.code, ana.display_name, ana.is_minor, ana.guardian_name) == (
        "AL1",
        "Ana Lima",
        True,
        "Rui Lima",
    )
    assert [h.value for h in ana.handles] == ["ana@example.org"]
    assert (ana.preferred_channel, ana.channel_comfort) == (None, None)
    assert [e.channel for e in services.events.list(client_id=1)] == [
        ContactChannel.EMAIL,
        ContactChannel.TEXT,
        ContactChannel.TEXT,
    ]
    # The open wrong warning went; the acknowledged one is the clinician's record.
    assert services.events.warnings(2) == []
    assert [w.code for w in services.events.warnings(3)] == ["reply_poor_fit"]
    assert vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] >= audited_before

    from dataclasses import replace

    services.clients.update(
        replace(
            ana, preferred_channel=ContactChannel.EMAIL, channel_comfort=ChannelComfort.SOMEWHAT
        )
    )
    again = services.clients.get(1)
    assert (again.preferred_channel, again.channel_comfort) == (
        ContactChannel.EMAIL,
        ChannelComfort.SOMEWHAT,
    )
    row = vault.conn.execute(
        "SELECT action, row_key, client_id, payload FROM audit_log "
        "WHERE table_name = 'client_preferences'"
    ).fetchone()
    assert row[:3] == ("insert", "1", 1)
    assert '"channel":"email"' in row[3] and '"comfort":"somewhat"' in row[3]
    assert trigger_problems(vault.conn) == []
    assert verify(services).intact
    vault.close()


def test_a_vault_at_schema_12_upgrades_with_its_agreements_and_wording_intact(
    location: VaultLocation,
) -> None:
    """Schema 12 had one language: its agreements print in English, and the clinician's
    wording becomes their English wording, every edit audited as it moves."""
    from dataclasses import replace
    from datetime import date

    from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
    from boundary_desk.domain.clients import Client
    from boundary_desk.services.agreements import sign, starting_point
    from boundary_desk.services.clauses import clause_set, wording_for

    created = location.create()
    services = Services.open(created.vault)
    client = services.clients.add(Client(code="", display_name="Twelve"))
    draft, _ = starting_point(services, client)
    draft = replace(
        draft.with_terms(ChannelTerms(Channel.EMAIL, True, frozenset({Purpose.SCHEDULING}))),
        client_signed_on=date(2026, 11, 1),
        clinician_signed_on=date(2026, 11, 1),
        review_on=date(2027, 5, 1),
    )
    signed = sign(services, draft, date(2026, 11, 2))
    conn = services.vault.conn
    # As schema 12 kept the wording: one table, no language.
    conn.execute("DROP TABLE agreement_languages")
    conn.execute("DROP TABLE clause_edits")
    conn.execute("DROP TABLE complex_events")  # and the tables of schemas 13 and 14
    conn.execute("DROP TABLE client_preferences")
    conn.execute(
        "INSERT INTO clause_overrides (name, text, updated_at) VALUES "
        "('records', 'My own records wording, {client_name}.', '2026-11-01T10:00:00+00:00')"
    )
    conn.execute("PRAGMA user_version = 12")
    created.vault.close()

    reopened = Services.open(location.unlock())
    conn = reopened.vault.conn
    assert schema_version(conn) == migrations.LATEST_VERSION
    [old] = reopened.agreements.history(client.id or 0)
    assert old == replace(signed, language="en")
    assert wording_for(reopened, old).text("records") == signed_records(reopened, old)
    assert reopened.clauses.overrides("en") == {"records": "My own records wording, {client_name}."}
    assert conn.execute("SELECT count(*) FROM clause_overrides").fetchone()[0] == 0
    # Reworded in English only: in French the clause is missing, not the default.
    assert clause_set(reopened, "fr").missing == frozenset({"records"})
    moved = conn.execute(
        "SELECT action FROM audit_log WHERE table_name = 'clause_edits'"
    ).fetchall()
    assert moved == [("insert",)]
    reopened.close()


def signed_records(services: Services, agreement) -> str:  # type: ignore[no-untyped-def]
    return services.agreements.wording(agreement.id)["records"]
