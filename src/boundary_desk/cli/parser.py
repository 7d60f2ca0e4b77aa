"""The command line, declared in one place."""

from __future__ import annotations

import argparse

from boundary_desk import __version__
from boundary_desk.errors import InvalidInput

TYPE_CHECKING = False  # not typing's, which `--help` would otherwise import just for this
if TYPE_CHECKING:
    from typing import NoReturn


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line (exit 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise InvalidInput(f"{message} (see `{self.prog} --help`)")


# Past this, a number is a typo; SQLite itself stops at 2**63.
_LARGEST_NUMBER = 10**9


def whole_number(text: str) -> int:
    """An option's whole number, refused (one line) when it isn't one or is absurdly large."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a whole number") from None
    if abs(value) > _LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"{text[:20]}… is too large")
    return value


class _RefuseKeyArgument(argparse.Action):
    """`recover --recovery-key` is refused: a key on the command line reaches shell history."""

    def __call__(self, *_args: object, **_kwargs: object) -> None:
        raise InvalidInput(
            "The recovery key is never given on the command line, where shell history and "
            "other users can see it: run `boundary-desk recover` and type it at the prompt, "
            "or set BOUNDARY_DESK_RECOVERY_KEY. Nothing was changed."
        )


def _preference_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--prefers",
        metavar="CHANNEL",
        help="the channel the client prefers: email, text, call, voicemail, video, portal, "
        "dm, in-person (or none)",
    )
    parser.add_argument(
        "--comfort",
        metavar="WORD",
        help="how comfortable they are with it: comfortable, somewhat, not-comfortable",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="boundary-desk",
        description="Boundary Desk: agreements, a quick log and a weekly boundary review, "
        "kept in an encrypted vault on this computer. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"boundary-desk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the vault folder (default: $BOUNDARY_DESK_DATA_DIR, else the platform data folder)",
    )
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)

    init = commands.add_parser("init", help="create a new encrypted vault")
    init.add_argument(
        "--passphrase-only",
        action="store_true",
        help="strict mode: always ask for the master passphrase, never use the keychain",
    )
    init.add_argument("--emergency-kit", metavar="FILE", help="save the Emergency Kit PDF here")
    init.add_argument("--json", action="store_true", help="print the result as JSON")

    status = commands.add_parser("status", help="vault path, key mode, versions and counts")
    status.add_argument("--json", action="store_true")

    recover = commands.add_parser(
        "recover", help="unlock with the recovery key and set a new passphrase"
    )
    recover.add_argument(
        "--recovery-key",
        nargs="?",
        action=_RefuseKeyArgument,
        help=argparse.SUPPRESS,
    )

    protection = commands.add_parser(
        "protection",
        help="hold the key in the system keychain or behind a passphrase, or re-key the vault",
    )
    protection.add_argument(
        "mode",
        choices=["keychain", "passphrase", "rekey"],
        help="rekey: re-encrypt the vault under a new key, with a new recovery key",
    )
    protection.add_argument(
        "--rekey",
        action="store_true",
        help="with passphrase: also re-encrypt the vault under a new key",
    )
    protection.add_argument(
        "--emergency-kit", metavar="FILE", help="save the new Emergency Kit PDF here (rekey)"
    )

    recovery = commands.add_parser("recovery-key", help="issue a new recovery key")
    recovery_sub = recovery.add_subparsers(
        dest="recovery_command", required=True, parser_class=OneLineParser
    )
    renew = recovery_sub.add_parser(
        "new", help="a new recovery key and Emergency Kit; the old key stops working"
    )
    renew.add_argument("--emergency-kit", metavar="FILE", help="save the Emergency Kit PDF here")

    client = commands.add_parser("client", help="add and list clients")
    client_commands = client.add_subparsers(
        dest="client_command", required=True, parser_class=OneLineParser
    )
    add = client_commands.add_parser("add", help="add a client")
    add.add_argument("name")
    add.add_argument("--code", default="", help="short code for de-identified reports")
    add.add_argument("--phone", action="append", default=[], metavar="P")
    add.add_argument("--email", action="append", default=[], metavar="E")
    add.add_argument("--social", action="append", default=[], metavar="HANDLE")
    add.add_argument("--minor", action="store_true", help="the client is a minor")
    add.add_argument("--guardian", default="", metavar="NAME")
    _preference_arguments(add)
    add.add_argument("--json", action="store_true")
    edit = client_commands.add_parser("edit", help="change a client's preferred channel")
    edit.add_argument("client", help="the client's code or exact name")
    _preference_arguments(edit)
    edit.add_argument("--json", action="store_true")
    listing = client_commands.add_parser("list", help="list clients")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--all", action="store_true", help="include archived clients")
    listing.add_argument("--json", action="store_true")

    _agreement_commands(commands)
    _clause_commands(commands)
    _channel_commands(commands)
    _log_commands(commands)
    backup = commands.add_parser("backup", help="write a verified, encrypted backup now")
    backup.add_argument(
        "--to",
        metavar="DIR",
        help="backup folder (default: the 'backups' setting, else inside the vault folder)",
    )
    backup.add_argument("--json", action="store_true")
    listing = commands.add_parser("backups", help="list backups with dates, counts, verification")
    listing.add_argument(
        "--to", metavar="DIR", help="folder to list (default: the one inside the vault folder)"
    )
    listing.add_argument("--json", action="store_true")
    restore = commands.add_parser("restore", help="replace the vault with a backup")
    restore.add_argument("file", metavar="BACKUP", help="a backup folder")
    restore.add_argument("--yes", action="store_true", help="don't ask for confirmation")
    commands.add_parser("check", help="full integrity check of the vault")
    audit = commands.add_parser("audit", help="the tamper-evident audit trail")
    audit_sub = audit.add_subparsers(
        dest="audit_command", required=True, parser_class=OneLineParser
    )
    verify = audit_sub.add_parser("verify", help="check the HMAC chain, name the first broken row")
    verify.add_argument("--json", action="store_true")
    show_audit = audit_sub.add_parser("show", help="the trail, for one client or everything")
    show_audit.add_argument("client", nargs="?")
    show_audit.add_argument("--limit", type=whole_number, default=200)
    show_audit.add_argument("--json", action="store_true")
    purge = commands.add_parser("purge", help="delete a former client's records for good")
    purge.add_argument("client")
    purge.add_argument("--yes", action="store_true")
    purge.add_argument(
        "--backups",
        choices=("rewrite", "delete", "keep"),
        help="what to do with backups that still hold the client (default: keep, and say so)",
    )
    export = commands.add_parser("export", help="an UNENCRYPTED export (JSON, or CSV per type)")
    export.add_argument("--json", dest="json_file", metavar="FILE")
    export.add_argument("--csv", dest="csv_dir", metavar="DIR")
    export.add_argument("--yes", action="store_true", help="confirm the plaintext risk")

    review = commands.add_parser("review", help="the end-of-week boundary self-review")
    review.add_argument("--week", metavar="YYYY-Www", help="ISO week in practice time")
    review.add_argument("--json", action="store_true")
    review.add_argument("--pdf", metavar="FILE", help="save the review for supervision")
    review.add_argument(
        "--identified", action="store_true", help="use client names (your own copy)"
    )
    review.add_argument(
        "--show-replacements",
        action="store_true",
        help="with --pdf: also print each replaced name or number and its code (this shows "
        "client names on this terminal)",
    )
    review.add_argument("--mark-reviewed", action="store_true", help="mark the week reviewed")

    settings = commands.add_parser("settings", help="show or change practice settings")
    settings_commands = settings.add_subparsers(
        dest="settings_command", required=True, parser_class=OneLineParser
    )
    setter = settings_commands.add_parser("set", help="change one setting")
    setter.add_argument("key")
    setter.add_argument("value")
    setter.add_argument(
        "--yes", action="store_true", help="confirm a change that re-judges logged entries"
    )
    show = settings_commands.add_parser("show", help="show every setting")
    show.add_argument("--json", action="store_true")
    return parser


def _agreement_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    agreement = commands.add_parser("agreement", help="communication agreements")
    sub = agreement.add_subparsers(
        dest="agreement_command", required=True, parser_class=OneLineParser
    )
    new = sub.add_parser("new", help="record a draft or signed agreement")
    new.add_argument("client", help="client code or name")
    new.add_argument(
        "--channels",
        required=True,
        help="allowed channels: email,text,phone,voicemail,video,portal,dm (or none)",
    )
    new.add_argument(
        "--purposes",
        default="scheduling",
        help="what allowed channels are for: scheduling,check-in,homework (default scheduling)",
    )
    # No default here: `agreement new` fills in the domain's, so that building the parser
    # (for `--help` too) never imports the domain and the dataclasses behind it.
    new.add_argument("--response-time", metavar="TEXT")
    new.add_argument("--signed", metavar="YYYY-MM-DD", help="the date both of you signed")
    new.add_argument("--review", metavar="YYYY-MM-DD", help="review date (default: 6 months)")
    new.add_argument(
        "--channel-reasons",
        action=argparse.BooleanOptionalAction,
        help="print why each allowed channel is used for what (default: as the last version)",
    )
    new.add_argument(
        "--language",
        choices=_LANGUAGES,
        help="the language the agreement prints in (default: the draft's, else the app's)",
    )
    new.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="the current agreement and what changed")
    show.add_argument("client")
    show.add_argument("--json", action="store_true")

    pdf = sub.add_parser("pdf", help="write the agreement PDF (a pre-filled draft if none)")
    pdf.add_argument("client")
    pdf.add_argument("--out", required=True, metavar="FILE")
    pdf.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="reprint version N as it was signed (default: the newest version)",
    )
    pdf.add_argument(
        "--channel-reasons",
        action=argparse.BooleanOptionalAction,
        help="print why each allowed channel is used for what; a saved draft keeps the choice",
    )

    withdraw = sub.add_parser("withdraw", help="record withdrawn consent for a channel")
    withdraw.add_argument("client")
    withdraw.add_argument("--channel", required=True)
    withdraw.add_argument("--on", metavar="YYYY-MM-DD", help="default: today")


# As in system.i18n, spelled out so that building the parser imports nothing more.
_LANGUAGES = ("en", "fr", "he")


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", choices=_LANGUAGES, default="en", help="the wording in this language"
    )


def _clause_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    clause = commands.add_parser("clause", help="the agreement's wording")
    sub = clause.add_subparsers(dest="clause_command", required=True, parser_class=OneLineParser)
    listing = sub.add_parser("list", help="every clause, default or edited")
    listing.add_argument("--json", action="store_true")
    _language_option(listing)
    show = sub.add_parser("show", help="one clause's current wording")
    show.add_argument("name")
    _language_option(show)
    setter = sub.add_parser("set", help="your own wording for a clause")
    setter.add_argument("name")
    setter.add_argument("text")
    _language_option(setter)
    reset = sub.add_parser("reset", help="back to the default wording")
    reset.add_argument("name")
    _language_option(reset)


def _channel_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    channels = commands.add_parser(
        "channels", help="each channel's profile, and the best for a reply"
    )
    sub = channels.add_subparsers(
        dest="channels_command", required=True, parser_class=OneLineParser
    )
    show = sub.add_parser("show", help="every channel's five factors, with your adjustments")
    show.add_argument("--json", action="store_true")
    rank = sub.add_parser("rank", help="the channels ranked for replying to a message")
    rank.add_argument("category", choices=["admin", "clinical", "crisis", "personal"])
    rank.add_argument("--complex", action="store_true", help="complex or emotional content")
    rank.add_argument("--client", metavar="CLIENT", help="the channels their agreement allows")
    rank.add_argument("--among", metavar="CH,CH", help="these channels (default: all)")
    rank.add_argument("--json", action="store_true")


_CHANNELS = ["email", "text", "call", "voicemail", "video", "portal", "dm", "in-person"]
_WHEN_HELP = (
    'when, in practice time: now, "20 min ago", "22:40", "yesterday 22:40", "fri 22:40", '
    '"last fri 22:40", "27 nov 22:40", "27/11 22:40" (11/27 in the US) or "2026-11-27 22:40"'
)


def _log_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    log = commands.add_parser("log", help="log a text, call, email or other contact")
    log.add_argument("client", help="client code or name")
    log.add_argument("--channel", required=True, choices=_CHANNELS)
    log.add_argument(
        "--direction",
        required=True,
        choices=["in", "out"],
        help="in: the client reached out; out: you did",
    )
    log.add_argument("--at", metavar="WHEN", help=_WHEN_HELP)
    log.add_argument("--category", choices=["admin", "clinical", "crisis", "personal"])
    log.add_argument("--minutes", type=whole_number, metavar="N", help="duration, for calls")
    log.add_argument("--summary", default="", metavar="TEXT")
    log.add_argument(
        "--summary-file", metavar="FILE", help="read the summary from a file (- for stdin)"
    )
    log.add_argument("--replied-at", metavar="WHEN")
    log.add_argument("--reply-channel", choices=_CHANNELS)
    log.add_argument(
        "--complex",
        action="store_true",
        help="the message is complex or emotional: its reply needs a richer channel",
    )
    log.add_argument(
        "--raise-next-session",
        action="store_true",
        help="keep it to raise in the next session (noted on a poor-fit reply's warning)",
    )
    log.add_argument("--json", action="store_true")

    raising = commands.add_parser(
        "raise-in-session", help="keep a logged entry to raise in the next session"
    )
    raising.add_argument("entry", type=whole_number, help="the entry's id (events --json)")
    raising.add_argument("--json", action="store_true")

    request = commands.add_parser("log-request", help="log a friend, follow or connection request")
    request.add_argument("client")
    request.add_argument("--platform", required=True, metavar="NAME")
    request.add_argument(
        "--action",
        required=True,
        choices=["declined", "ignored", "accepted", "pending", "discussed"],
    )
    request.add_argument("--discussed-on", metavar="YYYY-MM-DD")
    request.add_argument("--at", metavar="WHEN", help=_WHEN_HELP)
    request.add_argument("--summary", default="", metavar="TEXT")
    request.add_argument("--json", action="store_true")

    search = commands.add_parser("log-search", help="log an online search you made for a client")
    search.add_argument("client")
    search.add_argument(
        "--purpose",
        required=True,
        choices=["risk", "assessment", "verification", "safety", "curiosity", "other"],
    )
    search.add_argument(
        "--consent", required=True, choices=["obtained", "not-obtained", "imminent-risk"]
    )
    search.add_argument("--at", metavar="WHEN", help=_WHEN_HELP)
    search.add_argument("--where", default="", help="where you searched")
    search.add_argument("--found", default="", help="what you found (the minimum necessary)")
    search.add_argument("--told-client", action="store_true")
    search.add_argument("--documented", action="store_true")
    search.add_argument("--consulted", default="", metavar="WHO")
    search.add_argument("--motive", default="", metavar="TEXT")
    search.add_argument("--summary", default="", metavar="TEXT")
    search.add_argument("--json", action="store_true")

    approach = commands.add_parser(
        "log-approach", help="log a client searching for or approaching you"
    )
    approach.add_argument("client")
    approach.add_argument("--at", metavar="WHEN", help=_WHEN_HELP)
    approach.add_argument("--summary", default="", metavar="TEXT", help="what happened")
    approach.add_argument("--learned-how", default="", metavar="TEXT")
    approach.add_argument("--json", action="store_true")

    listing = commands.add_parser("events", help="the log, for one client or everyone")
    listing.add_argument("client", nargs="?")
    listing.add_argument("--since", metavar="YYYY-MM-DD")
    listing.add_argument("--until", metavar="YYYY-MM-DD")
    listing.add_argument("--json", action="store_true")

    _add_import(commands)

    sessions = commands.add_parser(
        "sessions", help="the sessions imported from your calendar, in practice time"
    )
    sessions.add_argument("client", nargs="?", help="one client's code or name")
    sessions.add_argument("--since", metavar="YYYY-MM-DD")
    sessions.add_argument("--until", metavar="YYYY-MM-DD")
    sessions.add_argument(
        "--remove",
        action="store_true",
        help="remove the client's sessions listed (tied to them by mistake); asks first",
    )
    sessions.add_argument("--yes", action="store_true", help="remove without asking")
    sessions.add_argument("--json", action="store_true")

    record = commands.add_parser("record", help="a client's communication record as a PDF")
    record.add_argument("client")
    record.add_argument("--pdf", required=True, metavar="FILE")
    record.add_argument(
        "--include-self-review",
        action="store_true",
        help="also print your own motives and the app's warnings (not clinical record)",
    )


def _add_import(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    imp = commands.add_parser(
        "import",
        help="import texts, calls, e-mail, chats, contact cards or your session calendar",
    )
    imp.add_argument(
        "file",
        metavar="FILE",
        help="the export, recognised from its content (a Facebook or Instagram download, "
        "or Google Takeout's Voice, may be its folder)",
    )
    imp.add_argument(
        "--source",
        choices=(
            "sbr",
            "email",
            "whatsapp",
            "vcard",
            "imessage",
            "meta",
            "google-voice",
            "telegram",
            "calendar",
        ),
    )
    imp.add_argument("--dry-run", action="store_true", help="only show what would be imported")
    imp.add_argument("--json", action="store_true")
    imp.add_argument(
        "--yes",
        action="store_true",
        help="import without asking; a card or participant tied to a client only by its name "
        "is left out unless given with --as",
    )
    imp.add_argument("--me", metavar="NAME", help="which chat participant is you")
    imp.add_argument(
        "--as",
        dest="ties",
        action="append",
        default=[],
        metavar="CODE=NAME",
        help="tie a chat participant, a contact card or a handle to a client; for a "
        "calendar, CODE=TITLE ties the events whose title holds TITLE (repeatable)",
    )
    imp.add_argument(
        "--not-client",
        dest="not_clients",
        action="append",
        default=[],
        metavar="NAME",
        help="a chat participant, a contact card or a handle that is no client, even if a "
        "client's name or handle is the same (repeatable)",
    )
    imp.add_argument("--zone", metavar="ZONE", help="the time zone the phone was in (chats)")
    imp.add_argument("--date-order", choices=("day-first", "month-first", "year-first"))
    imp.add_argument("--keep-text", action="store_true", help="keep each message's full text")
    imp.add_argument(
        "--add-away",
        action="store_true",
        help="for a calendar: add its all-day away days (Away, Vacation, Out of office…) "
        "to your vacation days",
    )
    imp.add_argument(
        "--keep-whole",
        action="store_true",
        help="from a damaged file, import the records before the damage",
    )
