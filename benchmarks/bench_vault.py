"""Vault speed, as ratios against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_vault.py

Baseline: the same work on a plain (unencrypted) SQLite file with the standard
library. The ratios show what encryption, page authentication and memory wiping
cost a clinician; absolute times are printed for the record only.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes import MemoryKeychain

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.services import Services
from boundary_desk.storage.db import connection
from boundary_desk.storage.keys.wrap import DEFAULT_COST
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system.paths import resolve_paths

CLIENTS = 500


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def plain_baseline(folder: Path) -> tuple[float, float]:
    path = folder / "plain.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE clients (id INTEGER PRIMARY KEY, code TEXT, display_name TEXT);"
        "CREATE TABLE client_handles (client_id INTEGER, kind TEXT, value TEXT);"
    )
    with conn:
        for i in range(CLIENTS):
            conn.execute("INSERT INTO clients VALUES (?, ?, ?)", (i, f"C-{i:03d}", f"Client {i}"))
            conn.execute("INSERT INTO client_handles VALUES (?, 'email', ?)", (i, f"c{i}@x.org"))
    conn.close()

    def open_and_check() -> None:
        c = sqlite3.connect(path)
        c.execute("PRAGMA quick_check").fetchall()
        c.close()

    def list_all() -> None:
        c = sqlite3.connect(path)
        c.execute("SELECT * FROM clients").fetchall()
        c.execute("SELECT * FROM client_handles").fetchall()
        c.close()

    return timed(open_and_check), timed(list_all)


def vault_numbers(folder: Path) -> dict[str, float]:
    location = VaultLocation(resolve_paths(folder / "vault"), MemoryKeychain())
    created = location.create()
    services = Services.open(created.vault)
    for i in range(CLIENTS):
        services.clients.add(
            Client(
                code="",
                display_name=f"Client {i}",
                handles=(ContactHandle(HandleKind.EMAIL, f"c{i}@x.org"),),
            )
        )
    services.close()

    def unlock_keychain() -> None:
        location.unlock().close()

    def list_clients() -> None:
        s = Services.open(location.unlock())
        s.clients.list()
        s.close()

    results = {"unlock (keychain)": timed(unlock_keychain), "unlock + list": timed(list_clients)}
    connection.MEMORY_SECURITY = False
    results["unlock + list, memory wiping off"] = timed(list_clients)
    connection.MEMORY_SECURITY = True

    strict = VaultLocation(resolve_paths(folder / "strict"), MemoryKeychain(), DEFAULT_COST)
    strict.create(passphrase="benchmark passphrase", strict=True).vault.close()
    results["unlock (passphrase, Argon2id 64 MiB t=3 p=4)"] = timed(
        lambda: strict.unlock(passphrase="benchmark passphrase").close(), repeat=3
    )
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_open, base_list = plain_baseline(folder)
        numbers = vault_numbers(folder)
    print(
        f"Baseline (plain SQLite, {CLIENTS} clients): open+check {base_open * 1000:.1f} ms, "
        f"open+list {base_list * 1000:.1f} ms"
    )
    for label, seconds in numbers.items():
        baseline = base_open if label.startswith("unlock (") else base_list
        print(f"{label:48s} {seconds * 1000:8.1f} ms   x{seconds / baseline:6.1f} vs baseline")


if __name__ == "__main__":
    main()
