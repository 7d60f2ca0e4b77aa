"""review: the week's figures, warnings and loose ends; JSON for checking, PDF for supervision."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from boundary_desk.cli.output import emit_json
from boundary_desk.domain.review import WeeklyReview
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS
from boundary_desk.domain.words import counted
from boundary_desk.services import Services
from boundary_desk.services.documents import review_request, save_review_pdf
from boundary_desk.services.review import compute_review, mark_reviewed, opening_week, parse_week
from boundary_desk.system.fileio import WriteFailed


def review(args: argparse.Namespace, services: Services) -> int:
    now = datetime.now(UTC)
    week = parse_week(services, args.week) if args.week else opening_week(services, now)
    if args.mark_reviewed:
        mark_reviewed(services, week)
    result = compute_review(services, week, now)
    if args.pdf:
        _write_pdf(args, services, result)
    if args.json:
        emit_json(review_json(result))
    elif not args.pdf:
        _print(result)
    return 0


def _write_pdf(args: argparse.Namespace, services: Services, result: WeeklyReview) -> None:
    out = Path(args.pdf).expanduser().absolute()
    if not out.parent.is_dir():
        raise WriteFailed(f"The folder {out.parent} does not exist; nothing was written.")
    request = review_request(services, result, identified=bool(args.identified))
    save_review_pdf(services, request, out)
    kind = "identified" if args.identified else "de-identified"
    print(f"Review of {result.week} ({kind}) saved to {out}.")
    if request.deidentified is not None:
        said = request.deidentified.summary()
        print(f"Client codes only: {said}.")
        if not args.show_replacements:  # the originals are names: only when asked
            return
        for item in request.deidentified.replaced:
            swaps = ", ".join(f"“{p.original}” → {p.text}" for p in item.text.replacements)
            print(f"  {item.label}: {swaps}")


def review_json(r: WeeklyReview) -> dict[str, Any]:
    f = r.figures
    return {
        "week": str(r.week),
        "label": r.week.label(),
        "contacts_total": f.contacts,
        "after_hours_total": f.after_hours,
        "after_hours_share": round(f.after_hours_share, 4),
        "own_after_hours": f.own_after_hours,
        "minutes": f.minutes,
        "boundary_events": f.boundary_events,
        "by_channel": dict(r.by_channel),
        "by_client": {code: dict(v) for code, v in r.by_client.items()},
        "sessions_by_client": dict(r.sessions),
        "warnings": [
            {
                "code": w.code,
                "client": w.client or None,
                "message": w.message,
                "acknowledged": w.acknowledged,
            }
            for w in r.warnings
        ],
        "misunderstanding_risk": [
            {
                "client": m.client,
                "occurred_at": m.occurred_at.isoformat(),
                "channel": m.channel.value,
                "reason": m.reason.value,
                "why": m.why,
                "event_id": m.event_id,
                "event_ids": list(m.event_ids),
                "action": r.record.actions.get(m.key) or None,
            }
            for m in r.misunderstanding_risk
        ],
        # Per client with contact this week: of the contacts whose channel is given, how
        # many went by the client's preferred channel; null when no preference is recorded.
        "preferred_channel_followed": {
            p.client: None
            if p.preference is None
            else {
                "preferred_channel": p.preference.channel.value,
                "comfort": p.preference.comfort.value if p.preference.comfort else None,
                "with_channel": p.with_channel,
                "in_preferred": p.in_preferred,
                "share": None if p.share is None else round(p.share, 4),
            }
            for p in r.preferred_channels
        },
        "agreements_due": list(r.agreements_due),
        "unsigned_with_contacts": list(r.unsigned_with_contacts),
        "history": [
            {
                "week": str(h.week),
                "contacts": h.contacts,
                "after_hours": h.after_hours,
                "after_hours_share": round(h.after_hours_share, 4),
                "minutes": h.minutes,
            }
            for h in r.history
        ],
        "heatmap": [list(row) for row in r.heatmap],
        "reviewed": r.reviewed,
        "reviewed_at": r.record.reviewed_at.isoformat() if r.record.reviewed_at else None,
    }


def _print(r: WeeklyReview) -> None:
    f = r.figures
    print(f"Week {r.week} ({r.week.label()}){' · reviewed' if r.reviewed else ''}")
    print(
        f"  Contacts {f.contacts}, after hours {f.after_hours} ({f.after_hours_share:.0%}), "
        f"your own after-hours replies {f.own_after_hours}, minutes {f.minutes}"
    )
    trend = ", ".join(str(h.after_hours) for h in r.history)
    print(f"  After hours, last {counted(len(r.history), 'week', 'weeks')}: {trend}")
    if r.by_channel:
        print("  By channel: " + ", ".join(f"{_channel(k)} {v}" for k, v in r.by_channel.items()))
    if r.sessions:
        print("  Sessions: " + ", ".join(f"{code} {n}" for code, n in r.sessions.items()))
    for w in r.warnings:
        # Which client, as the page and the PDF say it: a message need not name them.
        print(f"  ! {w.client}: {w.message}" if w.client else f"  ! {w.message}")
    for m in r.misunderstanding_risk:
        print(f"  ? {m.client}, {_channel(m.channel.value)}: {m.why}")
    for p in r.preferred_channels:
        if p.preference is not None:
            print(f"  ~ {p.line()}")
    if r.agreements_due:
        print("  Agreements due for review: " + ", ".join(r.agreements_due))
    if r.unsigned_with_contacts:
        print("  Contact but no signed agreement: " + ", ".join(r.unsigned_with_contacts))


def _channel(value: str) -> str:
    """ "text message" for "text"; a value from a newer version is shown as stored."""
    known = {c.value: label for c, label in CONTACT_CHANNEL_LABELS.items()}
    return known.get(value, value)
