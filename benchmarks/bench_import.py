"""How fast and in how little memory an SMS backup, a mailbox and a Facebook download
are read.

    .venv/bin/python benchmarks/bench_import.py [--messages 100000] [--mms-share 0.05]
                                                [--attachment-kb 32] [--emails 20000]
                                                [--email-attachment-share 0.05]
                                                [--meta-messages 200000]

Generates, in a temp folder, an SMS Backup & Restore file of `--messages` records
(texts, plus a share of photo MMS carrying base64 attachments) and an mbox of
`--emails` e-mails (plain and HTML alternatives, replies in threads, a share with a
base64 attachment) and a Facebook "Download your information" folder of
`--meta-messages` messages (threads of message_N.json files, newest first, a share of
text in the downloads' mojibake), then times each, each measurement in a fresh process:
- the baseline: a bare streaming parse with the standard library, the least any
  reader must do (iterparse clearing each record; for the mbox, a split on "From "
  lines and `email.message_from_bytes` per message; for the download, `json.load` of
  each thread file);
- the import read: `importers.sbr.read_sbr` (hardened parser, text repair, records)
  , `importers.email_reader.read_email` (envelope rules, headers, body, records) and
  `importers.meta.read_meta` (layout, mojibake repair, participants, records).
For the SMS backup it also times the import itself, into a fresh vault holding
`--clients` clients whose numbers are in the file: `services.imports.preview` (reading,
matching every message, the quick log's rules for each kept one), then `commit` (one
transaction: the entries, their warnings, their audit rows and the import's own).
It prints each ratio (goal: at most 3x the baseline) and each process's peak RSS
growth over an idle interpreter (goal: under 100 MB whatever the file size).

The import is measured twice: as the app runs it (the process hardened first, as the
app's start does, so SQLCipher's memory wiping is the app's own choice for this
platform: off on Linux with glibc, see storage/db/connection.py), and with the wiping
forced on, as on macOS and Windows, where every SQLite allocation is locked and wiped.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

GOAL_RATIO = 3.0
GOAL_RSS_MB = 100


def write_backup(path: Path, messages: int, mms_share: float, attachment_kb: int) -> None:
    data = "QUJD" * (attachment_kb * 256)
    every = max(1, round(1 / mms_share)) if mms_share > 0 else 0
    with path.open("w", encoding="utf-8") as file:
        file.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        file.write(f'<smses count="{messages}">\n')
        for number in range(messages):
            when = 1_600_000_000_000 + number * 60_000
            if every and number % every == 0:
                file.write(
                    f'  <mms date="{when}" msg_box="1" address="+1555000{number % 997:04d}">'
                    '<parts><part seq="0" ct="text/plain" text="a photo" />'
                    f'<part seq="1" ct="image/jpeg" name="p.jpg" data="{data}" /></parts>'
                    f'<addrs><addr address="+1555000{number % 997:04d}" type="137" /></addrs>'
                    "</mms>\n"
                )
            else:
                file.write(
                    f'  <sms protocol="0" address="+1555000{number % 997:04d}" date="{when}" '
                    f'type="{1 + number % 2}" body="Message {number} &amp; a few words" '
                    'read="1" contact_name="Contact" />\n'
                )
        file.write("</smses>\n")


def write_mailbox(path: Path, emails: int, attachment_share: float, attachment_kb: int) -> None:
    line = "QUJD" * 19 + "\n"
    data = line * max(1, attachment_kb * 1024 // len(line))
    every = max(1, round(1 / attachment_share)) if attachment_share > 0 else 0
    with path.open("w", encoding="utf-8") as file:
        for number in range(emails):
            client = f"client{number % 97}@example.org"
            thread = f"<t{number // 5}@example.org>"
            file.write(
                f"From {client} Tue Nov 14 22:13:20 2023\n"
                f"Return-Path: <{client}>\n"
                f"Received: from mail.example.org by mx.example.net; "
                f"Tue, 14 Nov 2023 22:13:21 +0000\n"
                f"From: Client {number % 97} <{client}>\nTo: Dr Therapist <me@example.net>\n"
                f"Subject: =?utf-8?q?Re=3A_s=C3=A9ance?= {number}\n"
                f"Date: Tue, 14 Nov 2023 {number % 24:02d}:13:20 +0100\n"
                f"Message-ID: <{number}@example.org>\n"
                f"In-Reply-To: {thread}\nReferences: {thread}\nMIME-Version: 1.0\n"
                'Content-Type: multipart/mixed; boundary="m"\n\n--m\n'
                'Content-Type: multipart/alternative; boundary="a"\n\n'
                "--a\nContent-Type: text/plain; charset=utf-8\n\n"
                f"Message {number}: can we talk before Tuesday?\n>From the last one\n"
                "--a\nContent-Type: text/html; charset=utf-8\n\n"
                f"<p>Message {number}: can we talk before Tuesday?</p>\n--a--\n"
            )
            if every and number % every == 0:
                file.write(
                    "--m\nContent-Type: image/jpeg; name=p.jpg\n"
                    "Content-Disposition: attachment; filename=p.jpg\n"
                    f"Content-Transfer-Encoding: base64\n\n{data}"
                )
            file.write("--m--\n\n")


META_OWNER = "Dana Clinician"
META_PER_FILE = 10_000  # as the downloads split a long thread: message_1.json, message_2.json


def write_meta_download(path: Path, messages: int, threads: int = 200) -> None:
    """A Facebook download's folder in its newer layout, `messages` spread over `threads`
    (two people each), newest first; one message in ten in mojibake, as Meta writes it."""
    import json

    inbox = path / "your_facebook_activity" / "messages" / "inbox"
    start = 1_760_000_000_000
    per_thread = max(1, messages // threads)
    written = 0
    for t in range(threads):
        count = per_thread if t < threads - 1 else messages - written
        if count <= 0:
            break
        other = f"Person {t:04d}"
        folder = inbox / f"person{t:04d}_{1000 + t}"
        folder.mkdir(parents=True)
        rows = []
        for n in range(count):
            text = "caf\u00c3\u00a9 demain?" if n % 10 == 0 else f"Message {n} about the week"
            rows.append(
                {
                    "sender_name": other if n % 3 else META_OWNER,
                    "timestamp_ms": start + (t * per_thread + n) * 60_000,
                    "content": text.encode().decode("unicode_escape"),
                    "is_geoblocked_for_viewer": False,
                }
            )
        rows.reverse()  # newest first
        for part in range(0, count, META_PER_FILE):
            document = {
                "participants": [{"name": other}, {"name": META_OWNER}],
                "messages": rows[part : part + META_PER_FILE],
                "title": other,
                "is_still_participant": True,
                "thread_path": f"inbox/{folder.name}",
                "magic_words": [],
            }
            name = f"message_{part // META_PER_FILE + 1}.json"
            (folder / name).write_text(json.dumps(document, indent=2), encoding="utf-8")
        written += count


def bare_meta_parse(path: Path) -> int:
    import json

    return sum(
        len(json.loads(file.read_bytes())["messages"])
        for file in sorted(path.rglob("message_*.json"))
    )


def import_meta_read(path: Path) -> int:
    from boundary_desk.importers.meta import read_meta

    reading = read_meta(path, me=META_OWNER)
    for _ in reading:
        pass
    return reading.summary.records


def bare_mbox_parse(path: Path) -> int:
    import email

    records = 0
    lines: list[bytes] = []
    with path.open("rb") as file:
        for line in file:
            if line.startswith(b"From ") and lines:
                email.message_from_bytes(b"".join(lines))
                records += 1
                lines = []
            elif not line.startswith(b"From "):
                lines.append(line)
    if lines:
        email.message_from_bytes(b"".join(lines))
        records += 1
    return records


def import_mbox_read(path: Path) -> int:
    from boundary_desk.importers.email_reader import read_email

    reading = read_email(path)
    for _ in reading:
        pass
    return reading.summary.records


def bare_parse(path: Path) -> int:
    from xml.etree.ElementTree import iterparse

    records = 0
    root = None
    for event, element in iterparse(path, events=("start", "end")):
        if event == "start":
            root = element if root is None else root
        elif element.tag in {"sms", "mms"}:
            records += 1
            assert root is not None
            root.clear()
    return records


def import_read(path: Path) -> int:
    from boundary_desk.importers.sbr import read_sbr

    return sum(1 for _ in read_sbr(path))


def client_number(index: int) -> str:
    """The number of the `index`th client, one of the 997 the generated backup uses."""
    return f"+1555000{(index * 7) % 997:04d}"


def full_import(
    path: Path, clients: int, wiping: str = "app"
) -> tuple[float, int, float, float, int]:
    """Preview and commit `path` into a fresh vault, `clients` of its numbers being
    clients': (preview s, records, peak RSS growth kB, commit s, entries added).
    `wiping` "app" hardens the process as the app does; "on" forces the wiping on."""
    from tests.conftest import FAST_COST  # key stretching is not what this measures
    from tests.fakes import MemoryKeychain

    from boundary_desk.storage.db import connection
    from boundary_desk.system.hardening import harden_process

    if wiping == "on":
        connection.MEMORY_SECURITY = True
    else:
        harden_process()

    from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
    from boundary_desk.services import Services
    from boundary_desk.services.imports import ImportChoices, commit, preview
    from boundary_desk.storage.vault.location import VaultLocation
    from boundary_desk.system.paths import resolve_paths

    with tempfile.TemporaryDirectory() as tmp:
        location = VaultLocation(resolve_paths(Path(tmp)), MemoryKeychain(), FAST_COST)
        services = Services.open(location.create().vault)
        services.settings.set_many({"region": "US", "timezone": "America/New_York"})
        for i in range(clients):
            handle = ContactHandle(HandleKind.PHONE, client_number(i))
            services.clients.add(Client(code="", display_name=f"Client {i}", handles=(handle,)))
        idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        shown = preview(services, path, ImportChoices())
        previewed = time.perf_counter() - start
        start = time.perf_counter()
        added = commit(services, shown).added
        committed = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle
        services.close()
    return previewed, shown.summary.records, grown, committed, added


MODES = {
    "bare": bare_parse,
    "import": import_read,
    "bare-mbox": bare_mbox_parse,
    "import-mbox": import_mbox_read,
    "bare-meta": bare_meta_parse,
    "import-meta": import_meta_read,
}


def child(mode: str, path: Path, clients: int) -> None:
    """Runs in a fresh process: one measurement, printed as 'seconds records rss_kb'
    (and, for the full import, 'commit_seconds added')."""
    if mode.startswith("full-import"):
        print(*full_import(path, clients, "on" if mode.endswith("wiping-on") else "app"))
        return
    import email.parser  # noqa: F401  imported before the idle mark, by both sides

    if mode == "import":
        import boundary_desk.importers.sbr
    if mode == "import-mbox":
        import boundary_desk.importers.email_reader
    import json  # noqa: F401  imported before the idle mark, by both sides

    if mode == "import-meta":
        import boundary_desk.importers.meta  # noqa: F401
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    records = MODES[mode](path)
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle
    print(f"{seconds} {records} {grown}")


def measure(mode: str, path: Path, clients: int = 0) -> tuple[float, int, float, float, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), "--clients", str(clients)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    extra = (float(out[3]), int(out[4])) if len(out) > 3 else (0.0, 0)
    return float(out[0]), int(out[1]), int(out[2]) / 1024, *extra


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--mms-share", type=float, default=0.05)
    parser.add_argument("--attachment-kb", type=int, default=32)
    parser.add_argument("--emails", type=int, default=20_000)
    parser.add_argument("--email-attachment-share", type=float, default=0.05)
    parser.add_argument("--meta-messages", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=10, help="clients matched in the backup")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.clients)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.messages:
            path = Path(tmp) / "sms-bench.xml"
            write_backup(path, args.messages, args.mms_share, args.attachment_kb)
            bare = report("SMS backup", "", path, args.messages)
            if args.clients:
                report_import(path, args.messages, args.clients, bare)
        if args.emails:
            path = Path(tmp) / "mail-bench.mbox"
            write_mailbox(path, args.emails, args.email_attachment_share, args.attachment_kb)
            report("Mailbox", "-mbox", path, args.emails)
        if args.meta_messages:
            path = Path(tmp) / "facebook-download"
            write_meta_download(path, args.meta_messages)
            report("Facebook download", "-meta", path, args.meta_messages)


def report(title: str, suffix: str, path: Path, records: int) -> float:
    files = path.rglob("*") if path.is_dir() else (path,)
    size_mb = sum(f.stat().st_size for f in files if f.is_file()) / 1e6
    bare = min((measure(f"bare{suffix}", path) for _ in range(2)), key=lambda m: m[0])
    read = min((measure(f"import{suffix}", path) for _ in range(2)), key=lambda m: m[0])
    assert bare[1] == read[1] == records, (bare, read)
    ratio = read[0] / bare[0]
    print(f"{title}: {records:,} records, {size_mb:.0f} MB")
    print(f"bare streaming parse: {bare[0]:6.2f} s  peak RSS +{bare[2]:5.1f} MB")
    print(f"import read:          {read[0]:6.2f} s  peak RSS +{read[2]:5.1f} MB")
    print(f"ratio: {ratio:.2f}x (goal <= {GOAL_RATIO:.0f}x); RSS goal < {GOAL_RSS_MB} MB")
    return bare[0]


def report_import(path: Path, records: int, clients: int, bare: float) -> None:
    for mode, what in (
        ("full-import", "as the app runs here"),
        ("full-import-wiping-on", "memory wiping on, as on macOS and Windows"),
    ):
        full = min((measure(mode, path, clients) for _ in range(2)), key=lambda m: m[0])
        assert full[1] == records, full
        both = (full[0] + full[3]) / bare
        verdict = "meets" if both <= GOAL_RATIO else "MISSES"
        print(f"import, {what}:")
        print(
            f"  preview:            {full[0]:6.2f} s  peak RSS +{full[2]:5.1f} MB  "
            f"{full[0] / bare:.2f}x  ({clients} matched clients, {full[4]:,} entries)"
        )
        print(
            f"  commit:             {full[3]:6.2f} s  preview and commit together {both:.2f}x "
            f"(goal <= {GOAL_RATIO:.0f}x): {verdict}"
        )


if __name__ == "__main__":
    main()
