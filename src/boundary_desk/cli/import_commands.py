"""`boundary-desk import FILE`: preview an export's contacts per client, then import them.

Only counts are printed, never a message's text; handles seen with no client are listed
with how often they appear, so one can be attached to a client.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from boundary_desk.cli.output import emit_json, notice
from boundary_desk.cli.text_input import typed
from boundary_desk.domain.handle_matching import fold
from boundary_desk.domain.words import counted
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services
from boundary_desk.services.import_sources import CHATS, META
from boundary_desk.services.imports import (
    BrokenFile,
    ImportChoices,
    ImportPreview,
    ImportQuestions,
    ImportResult,
    SourceKind,
    commit,
    preview,
    questions,
    source_kind,
)

NOT_A_CLIENT = "-"  # the answer, on a terminal, that a participant is no client


def import_file(args: argparse.Namespace, services: Services) -> int:
    path = Path(args.file).expanduser()
    kind = source_kind(path, args.source or "")
    if kind is SourceKind.CALENDAR:  # sessions, not contacts: a flow of its own
        from boundary_desk.cli.calendar_commands import import_calendar

        return import_calendar(args, services, path)
    asked = questions(services, path, kind)
    choices = ImportChoices(
        source=kind,
        ties=_ties(args.ties),
        not_clients=frozenset(n.strip() for n in args.not_clients if n.strip()),
        keep_text=args.keep_text,
        keep_whole_of_damaged=args.keep_whole,
    )
    if kind in CHATS:
        choices = _chat_choices(args, asked, choices, services)
    if kind in META:
        choices = _meta_choices(args, asked, choices)
    if kind is SourceKind.TELEGRAM and args.me:  # for an export that names no one as its owner
        choices = replace(choices, me=args.me)
    if kind is SourceKind.VCARD and args.yes:
        choices = _cards_without_guesses(asked, choices)
    try:
        shown = preview(services, path, choices)
    except BrokenFile as broken:
        if not broken.records_read:
            raise
        raise InvalidInput(
            f"{str(broken).removesuffix('.')}; nothing was imported, and --keep-whole "
            "imports only what was read whole."
        ) from broken
    if args.json and args.dry_run:
        emit_json(preview_document(shown))
        return 0
    if not args.json:
        _print_preview(shown, services.settings.load().timezone)
        if kind is SourceKind.VCARD:
            _print_cards(asked, choices)
    if args.dry_run:
        return 0
    if not _confirmed(args, shown):
        print("Nothing was imported.")
        return 0
    result = commit(services, shown)
    if args.json:
        emit_json({**preview_document(shown), "result": _result_document(result)})
    else:
        print(result.sentence())
    return 0


def _ties(given: list[str]) -> dict[str, str]:
    """`--as CODE=NAME`, each a participant, card name or handle tied to a client."""
    ties: dict[str, str] = {}
    for text in given:
        code, sep, name = text.partition("=")
        if not sep or not code.strip() or not name.strip():
            raise InvalidInput(
                '--as takes a client code and a name or handle, as in --as C-001="Robin Bell".'
            )
        ties[name.strip()] = code.strip().upper()
    return ties


def _chat_choices(
    args: argparse.Namespace, asked: ImportQuestions, choices: ImportChoices, services: Services
) -> ImportChoices:
    me, ties, zone = args.me or "", dict(choices.ties), args.zone or ""
    not_clients = set(choices.not_clients)
    asks = (
        ("--me NAME", me, "which participant is you"),
        ("--as CODE=NAME", ties or not_clients, "which is each client"),
        ("--zone ZONE", zone, "the time zone the phone was in"),
    )
    missing = [flag for flag, value, _ in asks if not value]
    if missing and not sys.stdin.isatty():
        meaning = [what for _, value, what in asks if not value]
        said = meaning[0] if len(meaning) == 1 else f"{', '.join(meaning[:-1])} and {meaning[-1]}"
        raise InvalidInput(
            f"A chat export needs {', '.join(missing)}: {said}; nothing was imported."
        )
    if missing:
        me, zone = _ask_chat(asked, me, ties, not_clients, zone, services)
    order = args.date_order or ""
    if not order and not asked.date_order_decided:
        notice(
            f"The file can't tell its date order; dates are read {asked.date_order}, your "
            "region's convention. Give --date-order to read them otherwise."
        )
    return replace(
        choices, me=me, ties=ties, not_clients=frozenset(not_clients), zone=zone, date_order=order
    )


def _meta_choices(
    args: argparse.Namespace, asked: ImportQuestions, choices: ImportChoices
) -> ImportChoices:
    """A download's owner and clients: as given, or else as the download suggests."""
    me = args.me or asked.suggested_me
    if asked.participants and not me:
        raise InvalidInput(
            "The download can't tell which participant is you; give --me NAME. "
            "Nothing was imported."
        )
    declined = {fold(n) for n in choices.not_clients}
    suggested = {n: c for n, c in asked.suggested_ties.items() if fold(n) not in declined}
    if choices.ties:
        return replace(choices, me=me)
    if args.yes:  # no one confirms a tie guessed from a name: it waits for --as
        _say_left_out(suggested, "participant", "participants")
        return replace(choices, me=me)
    return replace(choices, me=me, ties=suggested)


def _cards_without_guesses(asked: ImportQuestions, choices: ImportChoices) -> ImportChoices:
    """With --yes, the cards tied to a client only by their name are left out."""
    given = {fold(n) for n in (*choices.ties, *choices.not_clients)}
    guessed = {n: c for n, c in asked.suggested_ties.items() if fold(n) not in given}
    _say_left_out(guessed, "card", "cards")
    return replace(choices, not_clients=choices.not_clients | frozenset(guessed))


def _say_left_out(guessed: dict[str, str], one: str, many: str) -> None:
    """One sentence: what only a name tied to a client, left out, and how to include it."""
    if not guessed:
        return
    example = _as_flag(*next(iter(guessed.items())))
    if len(guessed) == 1:
        [(name, code)] = guessed.items()
        notice(
            f"The {one} {name} is tied to {code} only by its name, so it was left out with "
            f"--yes; to include it, add {example}."
        )
        return
    listed = ", ".join(f"{name} to {code}" for name, code in guessed.items())
    notice(
        f"{len(guessed)} {many} are tied to a client only by their names, so they were left "
        f"out with --yes ({listed}); to include one, add --as CODE=NAME, as in {example}."
    )


def _as_flag(name: str, code: str) -> str:
    """`--as CODE="NAME"`, quoted so a shell passes it whole."""
    if set(name) & set('"$`\\!'):
        return "--as " + shlex.quote(f"{code}={name}")
    return f'--as {code}="{name}"'


def _ask_chat(
    asked: ImportQuestions,
    me: str,
    ties: dict[str, str],
    not_clients: set[str],
    zone: str,
    services: Services,
) -> tuple[str, str]:
    """Ask on the terminal what the flags left open; `ties` and `not_clients` are filled in."""
    people = list(asked.participants)
    for number, name in enumerate(people, 1):
        print(f"  {number}. {name}")
    if not me:
        me = _pick(people, "Which of them is you? ", asked.suggested_me)
    if not ties and not not_clients:
        for name in people:
            if name == me:
                continue
            hint = asked.suggested_ties.get(name, "")
            if hint:
                prompt = f"Client code for {name} (- if not a client) [{hint}]: "
            else:
                prompt = f"Client code for {name} (empty if not a client): "
            code = typed(input, prompt).strip() or hint
            if code and code != NOT_A_CLIENT:
                ties[name] = code.upper()
            else:
                not_clients.add(name)
    if not zone:
        practice_zone = services.settings.load().timezone.key
        zone = typed(input, f"Time zone the phone was in [{practice_zone}]: ").strip()
    return me, zone


def _pick(people: list[str], prompt: str, suggested: str) -> str:
    default = people.index(suggested) + 1 if suggested in people else 0
    answer = typed(input, f"{prompt}[{default or ''}] ").strip() or str(default)
    if not answer.isdigit() or not 1 <= int(answer) <= len(people):
        raise InvalidInput("Give the number of one of the participants listed.")
    return people[int(answer) - 1]


def _confirmed(args: argparse.Namespace, shown: ImportPreview) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidInput(
            "Importing writes the previewed entries to the vault. Add --yes to import them, or "
            "--dry-run to only see the preview."
        )
    answer = typed(input, f"Import {counted(shown.new, 'new entry', 'new entries')}? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


# What one record of each kind is called in the preview; the rest are messages.
_UNITS = {
    SourceKind.SBR_CALLS: ("call", "calls"),
    SourceKind.VCARD: ("contact card", "contact cards"),
}
_SKIPPED = {  # a reader's reason -> how the preview names one and many
    "draft": ("unsent draft", "unsent drafts"),
    "deleted message": ("deleted message", "deleted messages"),
    "notice": ("chat notice", "chat notices"),
}


def _skipped_line(reason: str, number: int, one: str, many: str) -> str:
    if reason in _SKIPPED:
        return f"  {counted(number, *_SKIPPED[reason])}: left out."
    return f"  {counted(number, one, many)} left out: {reason}."


def _print_preview(shown: ImportPreview, zone: ZoneInfo) -> None:
    summary = shown.summary
    one, many = _UNITS.get(shown.kind, ("message", "messages"))
    if shown.damage:
        print(shown.damage)
    records = counted(summary.records, "record", "records")
    line = f"{shown.kind.description[0].upper()}{shown.kind.description[1:]}: {records}."
    if summary.count_disagrees:
        line += f" The file says it holds {summary.declared_count:,}."
    print(" ".join([line, *summary.notes]))
    print(shown.sentence())  # what was read and what becomes of it, as the app says it
    for client in shown.clients:
        if shown.kind is SourceKind.VCARD:
            details = counted(client.new, "contact detail", "contact details")
            print(f"  {client.code}: {details} to add, {client.already:,} already there")
            continue
        span = ""
        if client.first and client.last:
            first, last = client.first.astimezone(zone), client.last.astimezone(zone)
            span = f", {first.date().isoformat()} to {last.date().isoformat()}"
        print(
            f"  {client.code}: {client.new:,} new, {client.already:,} already imported{span}; "
            f"{client.after_hours:,} after hours"
        )
    if not shown.clients:
        print("  No client is in this file.")
        if shown.kind is SourceKind.VCARD and shown.others:
            print("  --as CODE=NAME ties a card, by its name, to a client.")
    for handle in shown.unmatched:
        print(f"  no client: {handle.handle} ({counted(handle.count, 'time', 'times')})")
    for partial in shown.partial:
        print(
            f"  to confirm: {partial.handle} may be {partial.client_code}'s number "
            f"({counted(partial.count, 'time', 'times')}); attach it to import it"
        )
    for reason, number in sorted(summary.skipped.items()):
        print(_skipped_line(reason, number, one, many))


def _print_cards(asked: ImportQuestions, choices: ImportChoices) -> None:
    """The cards no client has, each of which `--as CODE=NAME` can tie to one."""
    tied = {*choices.ties, *asked.suggested_ties}
    declined = set(choices.not_clients)
    open_cards = [n for n in asked.participants if n not in tied and n not in declined]
    if not open_cards:
        return
    print(
        f"{counted(len(open_cards), 'card is', 'cards are')} tied to no client and will be "
        "skipped; tie one with --as CODE=NAME:"
    )
    for name in open_cards:
        print(f"  {name}")


def preview_document(shown: ImportPreview) -> dict[str, Any]:
    """The preview as JSON: counts per client and the unmatched handles, never any text."""
    summary = shown.summary
    return {
        "source": shown.kind.value,
        "records": summary.records,
        "declared_count": summary.declared_count,
        "skipped": summary.skipped,
        "notes": list(summary.notes),
        "damage": shown.damage,
        "new": shown.new,
        "already": shown.already,
        "clients": [
            {
                "code": c.code,
                "new": c.new,
                "already": c.already,
                "first": c.first.isoformat() if c.first else None,
                "last": c.last.isoformat() if c.last else None,
                "after_hours": c.after_hours,
            }
            for c in shown.clients
        ],
        "unmatched": [{"handle": u.handle, "count": u.count} for u in shown.unmatched],
        "partial": [
            {"handle": p.handle, "client": p.client_code, "count": p.count} for p in shown.partial
        ],
        "others": shown.others,
        "group_others": shown.group_others,
        "repeated": shown.repeated,
        "unusable": shown.unusable,
    }


def _result_document(result: ImportResult) -> dict[str, Any]:
    return {"added": result.added, "already": result.already, "clients": result.clients}
