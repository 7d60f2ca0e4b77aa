"""A running Boundary Desk's single-instance server, in a process of its own (for tests).

Run as `python -m tests.ui.running_instance ADDRESS`: prints "listening" once it
holds the address, "raised" when a later launch knocks, then exits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer

from boundary_desk.ui.shell.single_instance import SingleInstance


def main() -> int:
    app = QCoreApplication([sys.argv[0]])
    instance = SingleInstance(sys.argv[1])
    if not instance.claim():
        print("not first", flush=True)
        return 1
    instance.raise_requested.connect(lambda: (print("raised", flush=True), app.quit()))
    QTimer.singleShot(30_000, app.quit)  # never outlive a failed test for long
    print("listening", flush=True)
    code = app.exec()
    instance.release()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
