"""Weekly self-reviews in the vault: what the clinician wrote and when they marked it done."""

from __future__ import annotations

import builtins
import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.domain.review import ReviewRecord
from boundary_desk.domain.text_rules import clean_line
from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.domain.weeks import Week
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.db.connection import Connection, transaction
from boundary_desk.system.i18n import _

MAX_NOTES = 20_000


class ReviewStore:
    def __init__(self, conn: Connection, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def get(self, week: Week) -> ReviewRecord:
        row = self._conn.execute(
            "SELECT reviewed_at, notes, reflections, supervision, actions FROM weekly_reviews "
            "WHERE week = ?",
            (str(week),),
        ).fetchone()
        if row is None:
            return ReviewRecord()
        reviewed_at, notes, reflections, supervision, actions = row
        return ReviewRecord(
            reviewed_at=datetime.fromisoformat(reviewed_at) if reviewed_at else None,
            notes=notes,
            reflections=json.loads(reflections),
            supervision=tuple(json.loads(supervision)),
            actions=json.loads(actions),
        )

    def save(self, week: Week, record: ReviewRecord) -> ReviewRecord:
        """Store the notes, reflections, supervision list and actions (all or nothing)."""
        clean = _checked(record)
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO weekly_reviews (week, reviewed_at, notes, reflections, supervision, "
                "actions, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (week) DO UPDATE "
                "SET reviewed_at = excluded.reviewed_at, notes = excluded.notes, "
                "reflections = excluded.reflections, supervision = excluded.supervision, "
                "actions = excluded.actions, updated_at = excluded.updated_at",
                (
                    str(week),
                    clean.reviewed_at.isoformat() if clean.reviewed_at else None,
                    clean.notes,
                    json.dumps(dict(clean.reflections), ensure_ascii=False),
                    json.dumps(list(clean.supervision), ensure_ascii=False),
                    json.dumps(dict(clean.actions), ensure_ascii=False),
                    self._clock().isoformat(),
                ),
            )
        return self.get(week)

    def mark_reviewed(self, week: Week) -> ReviewRecord:
        current = self.get(week)
        return self.save(week, _with(current, reviewed_at=self._clock()))

    def reviewed_weeks(self) -> dict[str, datetime]:
        rows = self._conn.execute(
            "SELECT week, reviewed_at FROM weekly_reviews WHERE reviewed_at IS NOT NULL"
        )
        return {str(week): datetime.fromisoformat(at) for week, at in rows}

    def weeks_with_records(self) -> builtins.list[str]:
        return [
            str(r[0]) for r in self._conn.execute("SELECT week FROM weekly_reviews ORDER BY week")
        ]


def _with(record: ReviewRecord, **changes: Any) -> ReviewRecord:
    return replace(record, **changes)


def _checked(record: ReviewRecord) -> ReviewRecord:
    if len(record.notes) > MAX_NOTES or any(
        len(t) > MAX_NOTES for t in record.reflections.values()
    ):
        raise InvalidInput(
            _("Notes and reflections can be at most {max} characters each.").format(
                max=whole_number(MAX_NOTES)
            )
        )
    supervision = tuple(
        clean_line(item, label=_("A supervision item"), max_len=300, required=True)
        for item in record.supervision
        if item.strip()
    )
    return _with(record, notes=record.notes.strip(), supervision=supervision)
