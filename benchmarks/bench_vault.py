"""Unlock speed at 1, 10 and 30 years, each beside its floor; the quick log's save.

    .venv/bin/python benchmarks/bench_vault.py [--runs 7] [--years 1,10,30]

Each vault holds what bench_review.py builds, for that many years (~20 entries a
week, their warnings, 40 clients, 10 agreements, weekly reviews). Every sample is a
fresh process, so each unlock is the first in its process, as the app's is, and
SQLCipher's process-wide memory-wiping setting can't leak from one row to another.
A and B alternate, and each row prints min / median / max over the runs, the ratio
of the medians, and whether it meets its goal (issue 14):
- unlock + first client list (key from the keychain): <= 3x its floor, the same
  SQLCipher file opened with its key and the clients read, with no checks;
- memory wiping on and off, at 10 years, against the same floor;
- beside it, as a diagnosis only, the same unlock with its durable writes (the
  unlock's audit row, the trail's anchor) not waiting for the disk: the floor
  writes nothing, so on a busy disk most of what is left is those fsyncs;
- growth: from the smallest vault to the largest, the unlock grows no faster than
  the file's page count;
- the app's unlock, passphrase typed -> workspace drawn, 10 years (offscreen Qt):
  <= the key derivation (Argon2id 64 MiB t=3 p=4 + unwrap, measured) + 150 ms;
- the quick log's save at the largest vault: p95 <= 30 ms (beside a one-row commit
  on a scratch SQLCipher file with the vault's settings), in a process hardened as the
  app's is, so memory wiping is the app's own choice there too.
Absolute times are for the record only; the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_review import NOW, build_vault
from tests.conftest import FAST_COST  # the keychain key has no stretching to measure
from tests.fakes import MemoryKeychain

from boundary_desk.domain.events import Category, ContactChannel, ContactEvent, Direction, EventKind
from boundary_desk.services import Services, contacts, session
from boundary_desk.storage.db.connection import transaction
from boundary_desk.storage.keys.wrap import DEFAULT_COST
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 3.0
APP_BUDGET_MS = 150.0
SAVE_P95_GOAL_MS = 30.0
SAVES = 200
PASSPHRASE = "benchmark passphrase at dusk"
KEYCHAIN_FILE = "bench-keychain.json"


# Children: one measurement each, printed as {"ms": ...} --------------------------------


def _location(data_dir: Path, keychain: MemoryKeychain | None = None) -> VaultLocation:
    if keychain is None:
        keychain = MemoryKeychain()
        keychain.entries = json.loads((data_dir / KEYCHAIN_FILE).read_text())
    return VaultLocation(resolve_paths(data_dir), keychain, DEFAULT_COST)


def child_unlock(data_dir: Path, wiping: str) -> float:
    """The CLI's and the app's unlock, as hardened as the app, then the client list.

    "no-fsync" is a diagnosis, never how the app runs: the same unlock with its
    durable writes (the audit row for the unlock, the trail's anchor in vault.key)
    not waiting for the disk, to show what the floor, which writes nothing, omits.
    """
    from boundary_desk.storage.db import connection
    from boundary_desk.system.hardening import harden_process

    harden_process()
    if wiping in ("on", "off"):  # else the app's own choice
        connection.MEMORY_SECURITY = wiping == "on"
    if wiping == "no-fsync":
        configure = connection._configure

        def unsynced(conn: connection.Connection, *, read_only: bool = False) -> None:
            configure(conn, read_only=read_only)
            conn.execute("PRAGMA synchronous = OFF")

        connection._configure = unsynced  # type: ignore[assignment]
        os.fsync = lambda fd: None
    location = _location(data_dir)
    # What the unlock imports, imported first, as the app's loading ahead does while the
    # passphrase is typed: the unlock is timed, not the imports.
    session.load_ahead(location)
    start = time.perf_counter()
    services = session.unlock(location)
    services.clients.list()
    elapsed = time.perf_counter() - start
    services.close()
    return elapsed


def child_floor(data_dir: Path) -> float:
    """The same file, opened with its key, the clients read; nothing checked or written."""
    import sqlcipher3

    key_hex = next(iter(json.loads((data_dir / KEYCHAIN_FILE).read_text()).values()))
    path = data_dir / "vault.db"
    start = time.perf_counter()
    conn = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    conn.execute("SELECT * FROM clients").fetchall()
    conn.execute("SELECT * FROM client_handles").fetchall()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def child_key_derivation(data_dir: Path) -> float:
    """Argon2id and the unwrap of the vault key: what any passphrase unlock must do."""
    from boundary_desk.storage.keys.key_file import read_key_file
    from boundary_desk.storage.keys.vault_key import vault_key_from

    key_file = read_key_file(data_dir / "vault.key")
    start = time.perf_counter()
    vault_key_from(key_file, MemoryKeychain(working=False), PASSPHRASE, None).wipe()
    return time.perf_counter() - start


def child_app(data_dir: Path) -> float:
    """Passphrase typed into the app's unlock screen -> the workspace drawn (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from boundary_desk.system.hardening import harden_process
    from boundary_desk.ui.shell.app_window import AppWindow
    from boundary_desk.ui.shell.application import load_ahead, prepare_application
    from boundary_desk.ui.shell.workspace import Workspace
    from boundary_desk.ui.vault.unlock import UnlockScreen
    from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

    harden_process()
    app = QApplication.instance() or QApplication([])
    prepare_application(app)
    location = VaultLocation(resolve_paths(data_dir), MemoryKeychain(working=False))
    window = AppWindow(location, ScriptedPrompter())
    window.show()
    app.processEvents()
    load_ahead(location)  # as the app does once its first window is drawn
    for _ in range(20):  # a step per turn of the event loop
        app.processEvents()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(PASSPHRASE)
    start = time.perf_counter()
    screen.unlock_button.click()
    workspace = window.current_screen
    assert isinstance(workspace, Workspace), "the unlock failed"
    workspace.repaint()  # drawn, not just built
    elapsed = time.perf_counter() - start
    window.close()
    return elapsed


CHILDREN: dict[str, Callable[[Path], float]] = {
    "unlock": lambda d: child_unlock(d, "app"),
    "unlock-wiping-on": lambda d: child_unlock(d, "on"),
    "unlock-wiping-off": lambda d: child_unlock(d, "off"),
    "unlock-no-fsync": lambda d: child_unlock(d, "no-fsync"),
    "floor": child_floor,
    "key-derivation": child_key_derivation,
    "app": child_app,
}


def sample(kind: str, data_dir: Path) -> float:
    """One fresh process's measurement, in ms."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr[-2000:]}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])["ms"])


def alternate(kinds: list[str], data_dir: Path, runs: int) -> dict[str, list[float]]:
    """A, B, A, B…: each kind `runs` times, interleaved so load changes hit both alike."""
    found: dict[str, list[float]] = {kind: [] for kind in kinds}
    for run in range(runs):
        order = kinds if run % 2 == 0 else kinds[::-1]
        for kind in order:
            found[kind].append(sample(kind, data_dir))
    return found


# Vaults ---------------------------------------------------------------------------


def build(folder: Path, years: int) -> tuple[Path, int]:
    """A keychain vault of `years`; returns its folder and page count."""
    keychain = MemoryKeychain()
    location = VaultLocation(resolve_paths(folder), keychain, FAST_COST)
    services = Services.open(location.create().vault)
    with transaction(services.vault.conn):  # one commit: the build is not what is measured
        build_vault(services, weeks=52 * years)
    pages = int(services.vault.conn.execute("PRAGMA page_count").fetchone()[0])
    services.close()
    target = folder / KEYCHAIN_FILE
    target.write_text(json.dumps(keychain.entries))
    target.chmod(0o600)
    return folder, pages


def to_passphrase(folder: Path) -> None:
    """The same vault, its key now wrapped by a passphrase (Argon2id, default cost)."""
    services = session.unlock(_location(folder))
    services.vault.set_passphrase(PASSPHRASE)
    services.close()


def child_saves(data_dir: Path) -> float:
    """The quick log's save p95 in ms, in a process hardened as the app's is (so memory
    wiping is the app's own choice); the one-row commit's p95 goes to stderr."""
    from boundary_desk.system.hardening import harden_process

    harden_process()
    saved, commit = save_p95(data_dir)
    print(json.dumps({"floor_ms": commit}), file=sys.stderr)
    return saved / 1000


CHILDREN["saves"] = child_saves


def saves_as_the_app(folder: Path) -> tuple[float, float]:
    """`save_p95` in a fresh hardened process: (save p95 ms, one-row commit p95 ms)."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", "saves", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    floor = json.loads(done.stderr.strip().splitlines()[-1])["floor_ms"]
    return float(json.loads(done.stdout.strip().splitlines()[-1])["ms"]), float(floor)


def save_p95(folder: Path) -> tuple[float, float]:
    """The quick log's save (log_event), p95 ms over SAVES; and a one-row commit's p95."""
    services = session.unlock(_location(folder))
    client = services.clients.list()[0].id or 0
    samples = []
    for n in range(SAVES):
        event = ContactEvent(
            client_id=client,
            kind=EventKind.CONTACT,
            occurred_at=NOW - timedelta(minutes=n),
            channel=ContactChannel.TEXT,
            direction=Direction.IN,
            category=Category.ADMIN,
            summary="Asked to reschedule",
        )
        start = time.perf_counter()
        contacts.log_event(services, event, NOW)
        samples.append(time.perf_counter() - start)
    services.close()
    return _p95(samples) * 1000, _p95(_one_row_commits(folder)) * 1000


def _one_row_commits(folder: Path) -> list[float]:
    import sqlcipher3

    conn = sqlcipher3.connect(str(folder / "scratch.db"), isolation_level=None)
    conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (x TEXT)")
    samples = []
    for _ in range(SAVES):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES ('Asked to reschedule')")
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


# Report ---------------------------------------------------------------------------


def spread(samples: list[float]) -> str:
    return (
        f"min {min(samples):7.1f}  median {statistics.median(samples):7.1f}  "
        f"max {max(samples):7.1f} ms"
    )


def row(label: str, samples: list[float], floor: list[float], goal: float) -> float:
    """Judged on the medians' ratio; the mins' ratio (the least noisy pair) beside it."""
    ratio = statistics.median(samples) / statistics.median(floor)
    best = min(samples) / min(floor)
    verdict = "meets" if ratio <= goal else "MISSES"
    print(
        f"  {label:34s} {spread(samples)}   x{ratio:5.1f} (mins x{best:4.1f})  "
        f"goal <= {goal:.0f}x: {verdict}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", default="1,10,30")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA_DIR"))
    args = parser.parse_args()
    if args.child:
        kind, data_dir = args.child
        print(json.dumps({"ms": CHILDREN[kind](Path(data_dir)) * 1000}))
        return
    years = sorted(int(y) for y in args.years.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        vaults = {y: build(Path(tmp) / f"{y}y", y) for y in years}
        medians = {}
        print(f"Unlock + first client list, keychain key ({args.runs} runs each, A/B alternating)")
        for y, (folder, pages) in vaults.items():
            size = (folder / "vault.db").stat().st_size / 1e6
            print(f"{y}-year vault: {size:.1f} MB, {pages} pages")
            found = alternate(["floor", "unlock", "unlock-no-fsync"], folder, args.runs)
            print(f"  {'floor: open, key, read clients':34s} {spread(found['floor'])}")
            row("unlock + client list", found["unlock"], found["floor"], GOAL_RATIO)
            row(
                "(diagnosis: the same, no fsync)",
                found["unlock-no-fsync"],
                found["floor"],
                GOAL_RATIO,
            )
            medians[y] = statistics.median(found["unlock"])
        report_growth(vaults, medians)
        middle = 10 if 10 in vaults else years[len(years) // 2]
        report_wiping(vaults[middle][0], middle, args.runs)
        largest = years[-1]
        saved, commit = saves_as_the_app(vaults[largest][0])
        verdict = "meets" if saved <= SAVE_P95_GOAL_MS else "MISSES"
        print(f"Quick-log save, {largest}-year vault ({SAVES} saves, hardened as the app is)")
        print(f"  {'floor: one-row commit (p95)':34s} {commit:7.1f} ms")
        print(
            f"  {'save (p95)':34s} {saved:7.1f} ms   goal <= {SAVE_P95_GOAL_MS:.0f} ms: {verdict}"
        )
        report_app(vaults[middle][0], middle, args.runs)


def report_growth(vaults: dict[int, tuple[Path, int]], medians: dict[int, float]) -> None:
    small, large = min(vaults), max(vaults)
    if small == large:
        return
    pages = vaults[large][1] / vaults[small][1]
    unlock = medians[large] / medians[small]
    verdict = "meets" if unlock <= pages else "MISSES"
    print(f"Growth from {small} to {large} years")
    print(f"  pages x{pages:.1f}, unlock + client list x{unlock:.2f}: {verdict}")


def report_wiping(folder: Path, years: int, runs: int) -> None:
    print(f"Memory wiping (cipher_memory_security), {years}-year vault, each in its own process")
    found = alternate(["floor", "unlock-wiping-on", "unlock-wiping-off"], folder, runs)
    print(f"  {'floor':34s} {spread(found['floor'])}")
    on = row("unlock + list, wiping on", found["unlock-wiping-on"], found["floor"], GOAL_RATIO)
    off = row("unlock + list, wiping off", found["unlock-wiping-off"], found["floor"], GOAL_RATIO)
    print(f"  wiping on costs x{on / off:.2f} over off")


def report_app(folder: Path, years: int, runs: int) -> None:
    to_passphrase(folder)
    print(f"The app's unlock, passphrase typed -> workspace drawn, {years}-year vault")
    found = alternate(["key-derivation", "app"], folder, runs)
    kdf, app = statistics.median(found["key-derivation"]), statistics.median(found["app"])
    print(f"  {'floor: key derivation + unwrap':34s} {spread(found['key-derivation'])}")
    verdict = "meets" if app <= kdf + APP_BUDGET_MS else "MISSES"
    print(
        f"  {'unlock to a drawn workspace':34s} {spread(found['app'])}   "
        f"floor + {app - kdf:.0f} ms  goal <= floor + {APP_BUDGET_MS:.0f} ms: {verdict}"
    )


if __name__ == "__main__":
    main()
