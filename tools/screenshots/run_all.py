"""Run every screenshot script, one after the other, each into a folder of its own.

Not a test. Run it under Xvfb with a 1366×768 screen (the scripts inherit it):

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/run_all.py /tmp/shots

writes /tmp/shots/agreement_shots/, /tmp/shots/clauses_shots/ … With `--readme`, only the
README's pictures are made, under the names the README uses:

    xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python tools/screenshots/run_all.py --readme docs/screenshots
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_SCRIPTS = {"__init__", "harness", "run_all"}
SCRIPTS = tuple(sorted(p.stem for p in HERE.glob("*.py") if p.stem not in NOT_SCRIPTS))
README = {  # the README's picture: the script, and the picture it takes
    "main-window.png": ("screenshots", "09-main-window-clients"),
    "first-run.png": ("screenshots", "02-protection"),
    "unlock.png": ("screenshots", "08-unlock-keychain"),
    "quick-log.png": ("quick_log_shots", "4-saved-with-warnings"),
    "weekly-review.png": ("review_shots", "review_top"),
    "agreement-editor.png": ("agreement_shots", "02-email-and-text"),
}


def run_script(name: str, folder: Path) -> None:
    """One script in a process of its own (each leaves without Qt's teardown)."""
    print(f"== {name} -> {folder}", flush=True)
    subprocess.run([sys.executable, str(HERE / f"{name}.py"), str(folder)], check=True)


def run_all(out: Path, names: tuple[str, ...] = SCRIPTS) -> None:
    for name in names:
        run_script(name, out / name)


def readme(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="boundary-readme-") as tmp:
        names = tuple(sorted({script for script, _ in README.values()}))
        run_all(Path(tmp), names)
        for target, (script, shot) in README.items():
            shutil.copyfile(Path(tmp) / script / f"{shot}.png", out / target)
            print(out / target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--readme", action="store_true", help="only the README's pictures")
    args = parser.parse_args(argv)
    if args.readme:
        readme(args.outdir)
    else:
        run_all(args.outdir)


if __name__ == "__main__":
    main()
