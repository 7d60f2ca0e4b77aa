"""Opening the app, `--version`, `--help` and memory at rest, each beside its floor.

    .venv/bin/python benchmarks/bench_startup.py
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python \\
        benchmarks/bench_startup.py

Every measure is a whole process, timed from outside, with its floor measured in the
same run, A and B alternating, so that a busy machine slows both alike:
- cold start: `boundary-desk` to its first window drawn (the unlock screen; the
  app's BOUNDARY_DESK_QUIT_WHEN_SHOWN hook quits it there), against a minimal
  PySide6 window process quitting the same way;
- `boundary-desk --version` and `--help`, against `python -c "import sqlcipher3"`;
- RSS at rest: the app's own window unlocked on a ten-year vault (bench_review.py's:
  ~10,400 events, 40 clients) and left idle, against the minimal window left idle.
  The vault's key stretching is made cheap (FAST_COST), so Argon2id's 64 MiB don't
  count: they are freed as soon as the key is derived, and what is measured is the
  app at rest. Peak RSS is printed for the record.
Qt's platform is QT_QPA_PLATFORM (offscreen unless set). The children get a private
home folder and a keyring that refuses, so no real settings or keychain are touched.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
RSS_RUNS = 3
IDLE_MS = 3000
PASSPHRASE = "benchmark passphrase at rest"
QUIT_WHEN_SHOWN_ENV = "BOUNDARY_DESK_QUIT_WHEN_SHOWN"  # ui/shell/application.py's hook
COLD_GOAL, CLI_GOAL, RSS_GOAL = 2.5, 3.0, 2.5

# The floor window: PySide6 and one label, quitting the way the app's hook does.
FLOOR_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class QuitWhenShown(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
window = QLabel("Boundary Desk")
window.resize(860, 620)
window.show()
quitter = QuitWhenShown()
window.windowHandle().installEventFilter(quitter)
app.exec()
"""

# The floor at rest: the same window, left idle as long as the app is, then its RSS.
FLOOR_IDLE = f"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
window = QLabel("Boundary Desk")
window.resize(860, 620)
window.show()
QTimer.singleShot({IDLE_MS}, app.quit)
app.exec()
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(json.dumps({{k: int(status[k].split()[0]) for k in ("VmRSS", "VmHWM")}}))
"""


class Measure(NamedTuple):
    label: str
    samples: list[float]
    floor_label: str
    floor: list[float]
    goal: float
    unit: str

    def ratio(self) -> float:
        return statistics.median(self.samples) / statistics.median(self.floor)

    def lines(self) -> list[str]:
        verdict = "meets" if self.ratio() <= self.goal else "MISSES"
        return [
            f"{self.label:38s}{_spread(self.samples, self.unit)}",
            f"  floor: {self.floor_label:29s}{_spread(self.floor, self.unit)}",
            f"  ratio {self.ratio():5.2f}x   goal <= {self.goal}x: {verdict}",
        ]


def _spread(values: Sequence[float], unit: str) -> str:
    scale, shown = (1000.0, "ms") if unit == "s" else (1 / 1024, "MiB")
    median, low, high = (x * scale for x in (statistics.median(values), min(values), max(values)))
    return f"median {median:7.1f} {shown}  (min {low:7.1f}, max {high:7.1f})"


def child_env(home: Path) -> dict[str, str]:
    """A private home, a refusing keyring, and the caller's Qt platform (offscreen by default)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def app_command() -> list[str]:
    """The installed `boundary-desk` script beside this Python, else `python -m`."""
    script = Path(sys.executable).with_name("boundary-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "boundary_desk"]


def wall_time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command[-1]} failed: {done.stderr.decode()[-400:]}")
    return elapsed


def alternate(
    a: Callable[[], float], b: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """`runs` samples of each, A and B alternating, after one warm-up of each (disk cache)."""
    a(), b()
    firsts, seconds = [], []
    for _ in range(runs):
        firsts.append(a())
        seconds.append(b())
    return firsts, seconds


def make_vault(folder: Path, years_of_entries: bool) -> Path:
    """A passphrase vault (cheap key stretching), empty or with bench_review.py's ten years."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_review import build_vault
    from tests.conftest import FAST_COST
    from tests.fakes import MemoryKeychain

    from boundary_desk.services import Services, backups
    from boundary_desk.storage.vault.location import VaultLocation
    from boundary_desk.system.paths import resolve_paths

    location = VaultLocation(resolve_paths(folder), MemoryKeychain(working=False), FAST_COST)
    services = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    try:
        if years_of_entries:
            build_vault(services)
            backups.take_backup(services)  # so no automatic backup runs while it idles
    finally:
        services.close()
    return folder


def cold_starts(vault: Path, env: dict[str, str]) -> list[Measure]:
    shown = {**env, QUIT_WHEN_SHOWN_ENV: "1"}
    app, floor = alternate(
        lambda: wall_time([*app_command(), "--data-dir", str(vault)], shown),
        lambda: wall_time([sys.executable, "-c", FLOOR_WINDOW], env),
        RUNS,
    )
    label = "cold start to the unlock screen"
    measures = [Measure(label, app, "minimal PySide6 window", floor, COLD_GOAL, "s")]
    for flag in ("--version", "--help"):
        cli, floor = alternate(
            partial(wall_time, [*app_command(), flag], env),
            lambda: wall_time([sys.executable, "-c", "import sqlcipher3"], env),
            RUNS,
        )
        floor_label = 'python -c "import sqlcipher3"'
        measures.append(Measure(f"boundary-desk {flag}", cli, floor_label, floor, CLI_GOAL, "s"))
    return measures


def resident(command: list[str], env: dict[str, str], stdin: str = "") -> dict[str, int]:
    done = subprocess.run(command, env=env, input=stdin.encode(), capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the idle child failed: {done.stderr.decode()[-600:]}")
    figures: dict[str, int] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return figures


def at_rest(vault: Path, env: dict[str, str]) -> tuple[Measure, list[float], list[float]]:
    app_child = [sys.executable, str(Path(__file__).resolve()), "--unlocked-child", str(vault)]
    peaks: tuple[list[float], list[float]] = ([], [])

    def app() -> float:
        figures = resident(app_child, env, PASSPHRASE + "\n")
        peaks[0].append(figures["VmHWM"])
        return float(figures["VmRSS"])

    def floor() -> float:
        figures = resident([sys.executable, "-c", FLOOR_IDLE], env)
        peaks[1].append(figures["VmHWM"])
        return float(figures["VmRSS"])

    apps, floors = alternate(app, floor, RSS_RUNS)
    label = "RSS, unlocked and idle, 10 years"
    return Measure(label, apps, "minimal window, idle", floors, RSS_GOAL, "KiB"), *peaks


def unlocked_child(vault: str) -> int:
    """The app's own start and window, unlocked with the passphrase on stdin, left idle."""
    from boundary_desk.system.hardening import harden_process

    harden_process()  # as app.main does first
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from boundary_desk.services.session import system_location
    from boundary_desk.ui.shell.application import build_window, prepare_application
    from boundary_desk.ui.shell.workspace import Workspace
    from boundary_desk.ui.vault.unlock import UnlockScreen
    from boundary_desk.ui.widgets.dialogs import ScriptedPrompter

    app = QApplication([sys.argv[0]])
    prepare_application(app)
    window = build_window(system_location(vault), ScriptedPrompter())
    window.show()
    screen = window.current_screen
    assert isinstance(screen, UnlockScreen)
    screen.passphrase.setText(sys.stdin.readline().rstrip("\n"))
    screen.unlock_button.click()
    assert isinstance(window.current_screen, Workspace), "the vault did not unlock"
    del screen
    QTimer.singleShot(IDLE_MS, app.quit)
    app.exec()
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    print(json.dumps({key: int(status[key].split()[0]) for key in ("VmRSS", "VmHWM")}))
    window.close()
    return 0


def main() -> None:
    if sys.argv[1:2] == ["--unlocked-child"]:
        raise SystemExit(unlocked_child(sys.argv[2]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder / "home")
        print(f"Qt platform: {env['QT_QPA_PLATFORM']}; {RUNS} runs each, A/B alternating")
        measures = cold_starts(make_vault(folder / "empty", years_of_entries=False), env)
        started = time.perf_counter()
        ten_years = make_vault(folder / "ten-years", years_of_entries=True)
        print(f"(ten-year vault built in {time.perf_counter() - started:.0f} s)")
        rest, app_peaks, floor_peaks = at_rest(ten_years, env)
        measures.append(rest)
    for measure in measures:
        print("\n".join(measure.lines()))
    print(
        f"  peak RSS, for the record: app {_spread(app_peaks, 'KiB')}\n"
        f"                            floor {_spread(floor_peaks, 'KiB')}"
    )


if __name__ == "__main__":
    main()
