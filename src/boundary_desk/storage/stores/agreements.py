"""Communication agreements in the vault: versions per client, signing, withdrawals."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from boundary_desk.domain.agreement_rules import check_draft, check_signing
from boundary_desk.domain.agreements import (
    Agreement,
    AgreementState,
    AgreementStatus,
    Channel,
    ChannelTerms,
    ContactSafety,
    CrisisPlan,
    Purpose,
)
from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.crisis import format_crisis_resources, parse_crisis_resources
from boundary_desk.errors import InvalidInput, NotFound
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.system.i18n import _

_COLUMNS = (
    "id, client_id, version, status, contact_phone, contact_email, shared_device, "
    "voicemail_ok, lock_screen_previews_ok, client_timezone, crisis_resources, "
    "emergency_number, nearest_er, emergency_contact, unencrypted_choice, "
    "bills_between_session, guardian_role, client_signed_on, clinician_signed_on, "
    "copy_given_on, review_on, "
    "coalesce((SELECT language FROM agreement_languages WHERE agreement_id = agreements.id), "
    "'en')"
)
# The agreement's printing options live beside its kept practice details (one key-value
# table per agreement), under keys no setting has; practice() leaves them out.
_OPTION = "option."
_CHANNEL_REASONS = _OPTION + "channel_reasons"


class AgreementStore:
    """Agreements; `current_wording` gives the clause text in force, kept at signing."""

    def __init__(
        self,
        conn: Connection,
        clock: Clock = utc_now,
        current_wording: Callable[[str], Mapping[str, str]] | None = None,
        current_practice: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self._conn = conn
        self._clock = clock
        self._current_wording = current_wording
        self._current_practice = current_practice

    def wording(self, agreement_id: int) -> dict[str, str]:
        """The clause text a signed agreement was signed with (empty for drafts)."""
        rows = self._conn.execute(
            "SELECT name, text FROM agreement_wording WHERE agreement_id = ?", (agreement_id,)
        )
        return {str(name): str(text) for name, text in rows}

    def practice(self, agreement_id: int) -> dict[str, str]:
        """The practice details (settings text by key) kept when it was signed; empty if none."""
        rows = self._conn.execute(
            "SELECT key, value FROM agreement_practice WHERE agreement_id = ?", (agreement_id,)
        )
        return {str(key): str(value) for key, value in rows if not str(key).startswith(_OPTION)}

    def _channel_reasons(self, agreement_id: int) -> bool:
        row = self._conn.execute(
            "SELECT value FROM agreement_practice WHERE agreement_id = ? AND key = ?",
            (agreement_id, _CHANNEL_REASONS),
        ).fetchone()
        return row is not None and row[0] == "yes"

    def _write_options(self, agreement_id: int, a: Agreement) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO agreement_practice (agreement_id, key, value) VALUES (?, ?, ?)",
            (agreement_id, _CHANNEL_REASONS, "yes" if a.channel_reasons else "no"),
        )

    def history(self, client_id: int) -> builtins.list[Agreement]:
        """Every version for a client, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM agreements WHERE client_id = ? "  # noqa: S608
            "ORDER BY version",
            (client_id,),
        ).fetchall()
        return [self._agreement(row) for row in rows]

    def latest(self, client_id: int) -> Agreement | None:
        """The newest version, whatever its state."""
        versions = self.history(client_id)
        return versions[-1] if versions else None

    def signed(self, client_id: int) -> Agreement | None:
        """The agreement in force: the signed version, if there is one."""
        found = [a for a in self.history(client_id) if a.status is AgreementStatus.SIGNED]
        return found[-1] if found else None

    def get(self, agreement_id: int) -> Agreement:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM agreements WHERE id = ?",  # noqa: S608
            (agreement_id,),
        ).fetchone()
        if row is None:
            raise NotFound(_("That agreement no longer exists."))
        return self._agreement(row)

    def save_draft(self, agreement: Agreement) -> Agreement:
        """Insert a new draft (next version number) or update an existing draft."""
        agreement = check_draft(agreement)
        with transaction(self._conn):
            if agreement.id is None:
                agreement = replace(
                    agreement,
                    status=AgreementStatus.DRAFT,
                    version=self._next_version(agreement.client_id),
                )
                agreement_id = self._insert(agreement)
            else:
                self._require_draft(agreement.id)
                self._update(agreement)
                agreement_id = agreement.id
        return self.get(agreement_id)

    def sign(self, agreement: Agreement, today: date) -> Agreement:
        """Save and sign; the previously signed version becomes superseded."""
        signed = check_signing(agreement, today)
        with transaction(self._conn):
            if signed.id is None:
                signed = replace(signed, version=self._next_version(signed.client_id))
                agreement_id = self._insert(signed)
            else:
                self._require_draft(signed.id)
                self._update(signed)
                agreement_id = signed.id
            self._conn.execute(
                "UPDATE agreements SET status = 'superseded', updated_at = ? "
                "WHERE client_id = ? AND status = 'signed' AND id != ?",
                (self._clock().isoformat(), signed.client_id, agreement_id),
            )
            self._keep_wording(agreement_id, signed.language)
            self._keep_practice(agreement_id)
        return self.get(agreement_id)

    def _keep_wording(self, agreement_id: int, language: str) -> None:
        # What the client signed must reprint word for word, whatever is edited later.
        if self._current_wording is None:
            return
        self._conn.execute("DELETE FROM agreement_wording WHERE agreement_id = ?", (agreement_id,))
        self._conn.executemany(
            "INSERT INTO agreement_wording (agreement_id, name, text) VALUES (?, ?, ?)",
            [(agreement_id, name, text) for name, text in self._current_wording(language).items()],
        )

    def _keep_practice(self, agreement_id: int) -> None:
        # The letterhead, region and hours reprint as signed, whatever Settings say later.
        if self._current_practice is None:
            return
        self._conn.execute(
            "DELETE FROM agreement_practice WHERE agreement_id = ? AND key NOT LIKE ?",
            (agreement_id, _OPTION + "%"),
        )
        self._conn.executemany(
            "INSERT INTO agreement_practice (agreement_id, key, value) VALUES (?, ?, ?)",
            [(agreement_id, key, value) for key, value in self._current_practice().items()],
        )

    def withdraw(self, client_id: int, channel: Channel, on: date) -> Agreement:
        """Record that the client withdrew consent for a channel, on a date."""
        current = self.signed(client_id)
        if current is None or current.id is None:
            raise InvalidInput(_("This client has no signed agreement to withdraw a channel from."))
        terms = current.terms(channel)
        if not terms.allowed:
            raise InvalidInput(
                _("That channel isn't allowed by the agreement, so there is nothing to withdraw.")
            )
        if terms.withdrawn_on is not None:
            raise InvalidInput(
                _("Consent for that channel was already withdrawn on {day}.").format(
                    day=terms.withdrawn_on.isoformat()
                )
            )
        if current.client_signed_on and on < current.client_signed_on:
            raise InvalidInput(_("Consent can't be withdrawn before the agreement was signed."))
        with transaction(self._conn):
            self._conn.execute(
                "UPDATE agreement_channels SET withdrawn_on = ? "
                "WHERE agreement_id = ? AND channel = ?",
                (on.isoformat(), current.id, channel.value),
            )
            self._touch(current.id)
        return self.get(current.id)

    def delete_draft(self, agreement_id: int) -> None:
        with transaction(self._conn):
            self._require_draft(agreement_id)
            self._conn.execute("DELETE FROM agreements WHERE id = ?", (agreement_id,))

    def states(self, today: date) -> dict[int, AgreementState]:
        """Each client's agreement state; clients missing from the map have none."""
        rows = self._conn.execute(
            "SELECT client_id, status, review_on FROM agreements ORDER BY client_id, version"
        ).fetchall()
        result: dict[int, AgreementState] = {}
        for client_id, status, review_on in rows:
            if status == "signed":
                due = review_on is not None and date.fromisoformat(review_on) <= today
                result[client_id] = AgreementState.REVIEW_DUE if due else AgreementState.SIGNED
            elif status == "draft" and client_id not in result:
                result[client_id] = AgreementState.DRAFT
        return result

    # -- rows ---------------------------------------------------------------------------

    def _next_version(self, client_id: int) -> int:
        row = self._conn.execute(
            "SELECT coalesce(max(version), 0) FROM agreements WHERE client_id = ?", (client_id,)
        ).fetchone()
        return int(row[0]) + 1

    def _require_draft(self, agreement_id: int) -> None:
        row = self._conn.execute(
            "SELECT status FROM agreements WHERE id = ?", (agreement_id,)
        ).fetchone()
        if row is None:
            raise NotFound(_("That agreement no longer exists."))
        if row[0] != "draft":
            raise InvalidInput(
                _(
                    "A signed agreement can't be changed. Start a new version instead; the "
                    "signed one stays on record."
                )
            )

    def _insert(self, a: Agreement) -> int:
        now = self._clock().isoformat()
        cur = self._conn.execute(
            "INSERT INTO agreements (client_id, version, status, contact_phone, contact_email, "
            "shared_device, voicemail_ok, lock_screen_previews_ok, client_timezone, "
            "crisis_resources, emergency_number, nearest_er, emergency_contact, "
            "unencrypted_choice, bills_between_session, guardian_role, client_signed_on, "
            "clinician_signed_on, copy_given_on, review_on, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.client_id, a.version, *_values(a), now, now),
        )
        if cur.lastrowid is None:
            raise RuntimeError("insert returned no row id")
        agreement_id = int(cur.lastrowid)
        self._write_channels(agreement_id, a.channels)
        self._write_options(agreement_id, a)
        self._write_language(agreement_id, a.language)
        return agreement_id

    def _update(self, a: Agreement) -> None:
        assert a.id is not None
        self._conn.execute(
            "UPDATE agreements SET status = ?, contact_phone = ?, contact_email = ?, "
            "shared_device = ?, voicemail_ok = ?, lock_screen_previews_ok = ?, "
            "client_timezone = ?, crisis_resources = ?, emergency_number = ?, nearest_er = ?, "
            "emergency_contact = ?, unencrypted_choice = ?, bills_between_session = ?, "
            "guardian_role = ?, client_signed_on = ?, clinician_signed_on = ?, "
            "copy_given_on = ?, review_on = ?, updated_at = ? WHERE id = ?",
            (*_values(a), self._clock().isoformat(), a.id),
        )
        self._conn.execute("DELETE FROM agreement_channels WHERE agreement_id = ?", (a.id,))
        self._write_channels(a.id, a.channels)
        self._write_options(a.id, a)
        self._write_language(a.id, a.language)

    def _write_language(self, agreement_id: int, language: str) -> None:
        self._conn.execute(
            "INSERT INTO agreement_languages (agreement_id, language) VALUES (?, ?) "
            "ON CONFLICT (agreement_id) DO UPDATE SET language = excluded.language "
            "WHERE language != excluded.language",
            (agreement_id, language),
        )

    def _touch(self, agreement_id: int) -> None:
        self._conn.execute(
            "UPDATE agreements SET updated_at = ? WHERE id = ?",
            (self._clock().isoformat(), agreement_id),
        )

    def _write_channels(self, agreement_id: int, channels: tuple[ChannelTerms, ...]) -> None:
        self._conn.executemany(
            "INSERT INTO agreement_channels (agreement_id, channel, allowed, purposes, "
            "response_time, withdrawn_on) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    agreement_id,
                    t.channel.value,
                    int(t.allowed),
                    ",".join(sorted(p.value for p in t.purposes)),
                    t.response_time,
                    _iso(t.withdrawn_on),
                )
                for t in channels
            ],
        )

    def _agreement(self, row: Any) -> Agreement:
        (
            aid,
            client_id,
            version,
            status,
            phone,
            email,
            shared,
            voicemail,
            previews,
            tz,
            crisis,
            emergency,
            er,
            contact,
            choice,
            bills,
            guardian,
            client_signed,
            clinician_signed,
            copy_given,
            review,
            language,
        ) = row
        return Agreement(
            id=int(aid),
            client_id=int(client_id),
            version=int(version),
            status=AgreementStatus(status),
            channels=self._channels(int(aid)),
            safety=ContactSafety(phone, email, bool(shared), bool(voicemail), bool(previews)),
            client_timezone=tz,
            crisis=CrisisPlan(
                resources=parse_crisis_resources(crisis) if crisis else (),
                emergency_number=emergency,
                nearest_er=er,
                emergency_contact=contact,
            ),
            unencrypted_choice=bool(choice),
            bills_between_session=bool(bills),
            guardian_role=guardian,
            channel_reasons=self._channel_reasons(int(aid)),
            client_signed_on=_date(client_signed),
            clinician_signed_on=_date(clinician_signed),
            copy_given_on=_date(copy_given),
            review_on=_date(review),
            language=str(language),
        )

    def _channels(self, agreement_id: int) -> tuple[ChannelTerms, ...]:
        rows = self._conn.execute(
            "SELECT channel, allowed, purposes, response_time, withdrawn_on "
            "FROM agreement_channels WHERE agreement_id = ?",
            (agreement_id,),
        ).fetchall()
        stored = {
            Channel(channel): ChannelTerms(
                channel=Channel(channel),
                allowed=bool(allowed),
                purposes=frozenset(Purpose(p) for p in purposes.split(",") if p),
                response_time=response,
                withdrawn_on=_date(withdrawn),
            )
            for channel, allowed, purposes, response, withdrawn in rows
        }
        return tuple(stored.get(channel, ChannelTerms(channel)) for channel in Channel)


def _values(a: Agreement) -> tuple[Any, ...]:
    return (
        a.status.value,
        a.safety.phone,
        a.safety.email,
        int(a.safety.shared_device),
        int(a.safety.voicemail_ok),
        int(a.safety.lock_screen_previews_ok),
        a.client_timezone,
        format_crisis_resources(a.crisis.resources),
        a.crisis.emergency_number,
        a.crisis.nearest_er,
        a.crisis.emergency_contact,
        int(a.unencrypted_choice),
        int(a.bills_between_session),
        a.guardian_role,
        _iso(a.client_signed_on),
        _iso(a.clinician_signed_on),
        _iso(a.copy_given_on),
        _iso(a.review_on),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
