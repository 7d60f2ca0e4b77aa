"""How fast and in how little memory an SMS Backup & Restore export is read.

    .venv/bin/python benchmarks/bench_import.py [--messages 100000] [--mms-share 0.05]
                                                [--attachment-kb 32]

Generates a backup of `--messages` records in a temp folder (texts, plus a share of
photo MMS carrying base64 attachments), then times, each in a fresh process:
- the baseline: a bare streaming parse with the standard library (iterparse, clearing
  each record), the least any reader must do;
- the import read: `importers.sbr.read_sbr`, hardened parser, text repair and records.
It prints the ratio (goal: at most 3x the baseline) and each process's peak RSS
growth over an idle interpreter (goal: under 100 MB whatever the file size).
The mbox half of the issue's benchmark waits for the e-mail reader.
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


def child(mode: str, path: Path) -> None:
    """Runs in a fresh process: one measurement, printed as 'seconds records rss_kb'."""
    if mode == "import":
        import boundary_desk.importers.sbr  # noqa: F401  imported before the idle mark
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    records = (import_read if mode == "import" else bare_parse)(path)
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle
    print(f"{seconds} {records} {grown}")


def measure(mode: str, path: Path) -> tuple[float, int, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--mms-share", type=float, default=0.05)
    parser.add_argument("--attachment-kb", type=int, default=32)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sms-bench.xml"
        write_backup(path, args.messages, args.mms_share, args.attachment_kb)
        size_mb = path.stat().st_size / 1e6
        bare = min((measure("bare", path) for _ in range(2)), key=lambda m: m[0])
        read = min((measure("import", path) for _ in range(2)), key=lambda m: m[0])
    assert bare[1] == read[1] == args.messages, (bare, read)
    ratio = read[0] / bare[0]
    print(f"SMS backup: {args.messages:,} records, {size_mb:.0f} MB")
    print(f"bare streaming parse: {bare[0]:6.2f} s  peak RSS +{bare[2]:5.1f} MB")
    print(f"import read:          {read[0]:6.2f} s  peak RSS +{read[2]:5.1f} MB")
    print(f"ratio: {ratio:.2f}x (goal <= {GOAL_RATIO:.0f}x); RSS goal < {GOAL_RSS_MB} MB")


if __name__ == "__main__":
    main()
