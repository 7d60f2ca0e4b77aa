"""From its first line the app allows no core dump, and a native crash leaves a clean report."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from boundary_desk.system.crash import NATIVE_HEADER

ROOT = Path(__file__).resolve().parent.parent.parent
MARKER = "Zqxmarker Vlotnik"

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")

# Starts through the real entry point, then reports what the process allows.
_START_AND_REPORT = """
import ctypes, json, resource, sys
from boundary_desk.app import main
try:
    main(["--version"])
except SystemExit:
    pass
dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
print(json.dumps({"core": resource.getrlimit(resource.RLIMIT_CORE), "dumpable": dumpable}))
sys.stdout.flush()
sys.stdin.readline()
"""

# A native crash while a client's name is in a local, after the app's crash set-up.
_CRASH_WHILE_HOLDING_A_NAME = """
import faulthandler, sys
from pathlib import Path
from boundary_desk.system.crash import install_native_crash_report
install_native_crash_report(Path(sys.argv[1]))

def save_client(name):
    held = name.upper()
    faulthandler._sigsegv()

save_client(sys.stdin.readline().strip())
"""


def _allow_core_files() -> None:
    # Where cores are already off by default, turn them on, so the test shows the app
    # turning them off itself.
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


def _python(code: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@linux_only
def test_the_app_turns_core_dumps_off_and_closes_its_memory(tmp_path: Path) -> None:
    child = _python(_START_AND_REPORT, preexec_fn=_allow_core_files)
    try:
        assert child.stdout is not None
        child.stdout.readline()  # the version line
        report = json.loads(child.stdout.readline())
        assert report["core"] == [0, 0]
        assert report["dumpable"] == 0
        if os.geteuid() != 0:  # root may read any process; others now may not
            with pytest.raises(PermissionError):
                open(f"/proc/{child.pid}/mem", "rb").close()
    finally:
        child.communicate("\n")


def test_a_native_crash_leaves_frames_and_no_client_data(tmp_path: Path) -> None:
    crash_dir = tmp_path / "crash-reports"
    child = _python(_CRASH_WHILE_HOLDING_A_NAME, str(crash_dir))
    _out, err = child.communicate(MARKER + "\n")

    assert child.returncode == -signal.SIGSEGV
    [report] = crash_dir.glob("crash-*-native-*.txt")
    text = report.read_text()
    assert "contains no client data" in text
    assert "Segmentation fault" in text
    assert "line 9 in save_client" in text  # where it happened: file, line, function
    assert MARKER not in text and MARKER.upper() not in text
    assert report.stat().st_mode & 0o777 == 0o600
    assert crash_dir.stat().st_mode & 0o777 == 0o700
    assert MARKER not in err


def test_a_normal_exit_leaves_no_empty_native_report(tmp_path: Path) -> None:
    crash_dir = tmp_path / "crash-reports"
    code = "import sys; from pathlib import Path\n"
    code += "from boundary_desk.system.crash import install_native_crash_report\n"
    code += "assert install_native_crash_report(Path(sys.argv[1])) is not None\n"
    child = _python(code, str(crash_dir))
    child.communicate("")

    assert child.returncode == 0
    assert list(crash_dir.iterdir()) == []


def test_reports_left_empty_by_a_killed_run_are_tidied_and_real_ones_kept(
    tmp_path: Path,
) -> None:
    crash_dir = tmp_path / "crash-reports"
    crash_dir.mkdir(mode=0o700)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(gone.stdout)  # a process that has ended
    empty = crash_dir / f"crash-20261201T000000000000Z-native-{pid}.txt"
    empty.write_text(NATIVE_HEADER)
    real = crash_dir / f"crash-20261201T000001000000Z-native-{pid}.txt"
    real.write_text(NATIVE_HEADER + "Fatal Python error: Segmentation fault\n")

    child = _python(_CRASH_WHILE_HOLDING_A_NAME.replace("_sigsegv()", "disable()"), str(crash_dir))
    child.communicate(MARKER + "\n")

    assert not empty.exists()
    assert real.exists()
