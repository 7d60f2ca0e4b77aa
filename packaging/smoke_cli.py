"""The frozen command line used as a new user would, on any platform.

    BOUNDARY_DESK_APP=/path/to/boundary-desk[-cli.exe] python3 packaging/smoke_cli.py

The time zone is set with the system's tz database hidden (PYTHONTZPATH on an empty
folder), as on Windows, so only the bundled tzdata can answer. Needs only the standard
library (pdftotext, where installed, checks each PDF's text).
The importers are used too: a made-up SMS backup and e-mail are previewed, imported and
imported again (adding nothing), and a hostile XML file is refused.
SMOKE_VAULT and SMOKE_OUT choose the vault and the PDF folder (default: a scratch
folder, deleted at the end). Then the app itself is started with no arguments under
QT_QPA_PLATFORM=offscreen and must still be running after 15 s (packaging/smoke.sh
goes further on Linux: it unlocks the app under Xvfb and opens the quick log).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PASSPHRASE = "a calm harbour at dusk"


def main() -> int:
    app = Path(os.environ["BOUNDARY_DESK_APP"])
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        vault = Path(os.environ.get("SMOKE_VAULT") or work / "vault")
        out = Path(os.environ.get("SMOKE_OUT") or work / "out")
        out.mkdir(parents=True, exist_ok=True)
        home = work / "home"
        env = dict(
            os.environ,
            HOME=str(home),
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            BOUNDARY_DESK_PASSPHRASE=PASSPHRASE,
            PYTHONIOENCODING="utf-8",
        )

        def bd(*args: str, expect_failure: bool = False, **extra_env: str) -> str:
            done = subprocess.run(
                [str(app), "--data-dir", str(vault), *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                env=dict(env, **extra_env),
                stdin=subprocess.DEVNULL,
                timeout=180,
                check=False,
            )
            print(f"smoke: boundary-desk {' '.join(args)} -> {done.returncode}", flush=True)
            if expect_failure:
                if done.returncode == 0:
                    raise SystemExit(f"smoke: should have failed:\n{done.stdout}")
                return done.stderr
            if done.returncode != 0 or "Traceback" in done.stderr:
                raise SystemExit(f"smoke: failed:\n{done.stdout}\n{done.stderr}")
            return done.stdout

        bd("--version")
        bd("init", "--emergency-kit", str(out / "emergency-kit.pdf"))
        bd("settings", "set", "region", "CA-ON")
        # As on Windows: no time-zone database on the system, only the bundled tzdata.
        no_tz = work / "no-tz-database"
        no_tz.mkdir()
        bd("settings", "set", "timezone", "America/Toronto", PYTHONTZPATH=str(no_tz))
        bd("settings", "set", "clinician", "Dr Smoke Test")
        bd("client", "add", "Test Client", "--code", "TC1")
        logged = bd(
            "log", "TC1", "--channel", "text", "--direction", "in", "--at", "2026-07-01 10:00"
        )
        if "Canada Day" not in logged:
            raise SystemExit(f"smoke: the holiday is not named: {logged}")
        bd("log", "TC1", "--channel", "email", "--direction", "in", "--at", "20 min ago")
        bd("events", "TC1")
        bd("agreement", "pdf", "TC1", "--out", str(out / "agreement.pdf"))
        bd("review", "--pdf", str(out / "review.pdf"))
        bd("record", "TC1", "--pdf", str(out / "record.pdf"))
        for name in ("emergency-kit", "agreement", "review", "record"):
            check_pdf(out / f"{name}.pdf")
        backup = json.loads(bd("backup", "--json"))["path"]
        bd("client", "add", "Second Client", "--code", "SC2")
        bd("restore", backup, "--yes")
        clients = bd("client", "list")
        if "TC1" not in clients or "SC2" in clients:
            raise SystemExit(f"smoke: restore did not bring back the backup: {clients}")
        bd("check")
        smoke_imports(bd, work)
        smoke_calendar(bd, work)
        if os.environ.get("SMOKE_SKIP_APP") != "1":
            app_stays_up(app, vault, env)
    print("smoke: command line passed", flush=True)
    return 0


# Made up for the smoke test: the client's number and address, and a stranger's.
SBR_BACKUP = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="3">
  <sms protocol="0" address="+1 416 555 0142" date="1782900000000" type="1"
       body="Can we move Thursday?" read="1" status="-1" locked="0" />
  <sms protocol="0" address="+14165550142" date="1782903600000" type="2"
       body="Yes, 3pm works." read="1" status="-1" locked="0" />
  <sms protocol="0" address="+14165550199" date="1782907200000" type="1"
       body="Dinner at mum's?" read="1" status="-1" locked="0" />
</smses>
"""
EML = """From: Test Client <client@example.org>\r
To: Dr Smoke Test <me@example.net>\r
Subject: Running late\r
Date: Wed, 01 Jul 2026 21:30:00 -0400\r
Message-ID: <smoke-1@example.org>\r
Content-Type: text/plain; charset=utf-8\r
\r
Ten minutes late, sorry.\r
"""


def smoke_imports(bd: Callable[..., str], work: Path) -> None:
    """The frozen importers: an SMS backup and an e-mail, previewed, imported, then again.

    The readers (defusedxml's hardened parser, the e-mail codecs, olefile for Outlook)
    must all be in the bundle; an Outlook .msg from the shared samples is read too when
    they are next to the checkout.
    """
    bd("client", "add", "Import Client", "--code", "IC3", "--phone", "416-555-0142")
    bd("client", "add", "Mail Client", "--code", "MC4", "--email", "Client@Example.org")
    sbr = work / "sms-20260701.xml"
    sbr.write_text(SBR_BACKUP, encoding="utf-8")
    eml = work / "running-late.eml"
    eml.write_bytes(EML.encode("utf-8"))
    shown = json.loads(bd("import", str(sbr), "--dry-run", "--json"))
    if [(c["code"], c["new"]) for c in shown["clients"]] != [("IC3", 2)] or shown["others"] != 1:
        raise SystemExit(f"smoke: the SMS preview is wrong: {shown}")
    for path, code in ((sbr, "IC3"), (eml, "MC4")):
        first = bd("import", str(path), "--yes")
        if "new" not in first or "Dinner" in first:
            raise SystemExit(f"smoke: the import said: {first}")
        again = json.loads(bd("import", str(path), "--yes", "--json"))
        if again["result"]["added"] != 0:
            raise SystemExit(f"smoke: importing {path.name} twice added entries: {again}")
        if code not in bd("events", code):
            raise SystemExit(f"smoke: no imported entry for {code}")
    hostile = work / "laughs.xml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE smses [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><smses count="1">'
        '<sms address="+14165550142" date="1782900000000" type="1" body="&b;" /></smses>',
        encoding="utf-8",
    )
    refused = bd("import", str(hostile), "--yes", expect_failure=True)
    if "Traceback" in refused or not refused.strip():
        raise SystemExit(f"smoke: a hostile file was not refused plainly: {refused}")
    checkout = Path(__file__).resolve().parents[1]
    folders = [os.environ.get("BOUNDARY_SAMPLES", "")]
    folders += [str(up / "shared" / "samples") for up in (checkout.parent, checkout.parent.parent)]
    candidates = [Path(f, "msg", "aquasync__ruby-msg__qwerty_1-orig.msg") for f in folders if f]
    for outlook in (path for path in candidates if path.is_file()):
        read = json.loads(bd("import", str(outlook), "--dry-run", "--json"))
        if read["source"] != "outlook-msg" or read["records"] != 1:
            raise SystemExit(f"smoke: the Outlook item was not read: {read}")
        break


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Smoke//EN\r\nBEGIN:VEVENT\r\n"
    "UID:smoke-weekly@example.org\r\nDTSTART;TZID=America/Toronto:20261005T180000\r\n"
    "DTEND;TZID=America/Toronto:20261005T185000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n"
    "EXDATE;TZID=America/Toronto:20261012T180000\r\nSUMMARY:Session - Import Client\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def smoke_calendar(bd: Callable[..., str], work: Path) -> None:
    """The frozen calendar readers (icalendar, recurring-ical-events): a weekly series
    across the change back to standard time, with one cancelled week, imported once."""
    ics = work / "practice.ics"
    ics.write_text(CALENDAR, encoding="utf-8")
    tie = "IC3=Session - Import Client"
    first = json.loads(bd("import", str(ics), "--as", tie, "--yes", "--json"))
    again = json.loads(bd("import", str(ics), "--as", tie, "--yes", "--json"))
    if first["result"]["added"] != 5 or again["result"]["added"] != 0:
        raise SystemExit(f"smoke: the calendar import is wrong: {first} then {again}")
    listed = json.loads(bd("sessions", "IC3", "--json"))
    if [s["start"][11:] for s in listed][-1] != "18:00:00-05:00":
        raise SystemExit(f"smoke: the sessions are not in practice time: {listed}")


def check_pdf(path: Path) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SystemExit(f"smoke: {path.name} is not a whole PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        if not text.strip():
            raise SystemExit(f"smoke: {path.name} has no text")


def app_stays_up(app: Path, vault: Path, env: dict[str, str]) -> None:
    gui = app.with_name(app.name.replace("-cli", ""))  # Windows: the windowed .exe
    started = subprocess.Popen(
        [str(gui), "--data-dir", str(vault)],
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        code = started.wait(timeout=15)
    except subprocess.TimeoutExpired:
        print("smoke: the app started and is waiting at its unlock screen", flush=True)
        return
    finally:
        if started.poll() is None:
            started.kill()
        output = started.communicate()[0]
    raise SystemExit(f"smoke: the app quit at once ({code}):\n{output.decode(errors='replace')}")


if __name__ == "__main__":
    sys.exit(main())
