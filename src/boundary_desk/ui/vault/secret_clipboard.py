"""Copying a secret (the recovery key): marked for clipboard managers, and cleared soon.

The marks are the ones password managers use (KeePassXC among them) so that clipboard
histories don't keep the secret. The clearing only touches the clipboard if it still
holds the secret: whatever the clinician copied since is left alone.
"""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 60_000


def secret_hints(platform: str = sys.platform) -> dict[str, bytes]:
    """The clipboard formats that tell this platform's clipboard managers to keep away."""
    if platform == "darwin":
        return {"application/x-nspasteboard-concealed-type": b"secret"}
    if platform.startswith("win"):
        return {"ExcludeClipboardContentFromMonitorProcessing": b"1"}
    return {"x-kde-passwordManagerHint": b"secret"}


def secret_mime(text: str, platform: str = sys.platform) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    for name, value in secret_hints(platform).items():
        mime.setData(name, value)
    return mime


class SecretClipboard(QObject):
    """Puts a secret on the clipboard and takes it off after `clear_after_ms`.

    It belongs to the application, not to the page that copied, so the secret is
    cleared even once that page is gone.
    """

    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(QGuiApplication.instance())
        self.clear_after_ms = clear_after_ms
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    def copy(self, secret: str) -> None:
        QGuiApplication.clipboard().setMimeData(secret_mime(secret))
        self._digest = _digest(secret)
        self._timer.start(self.clear_after_ms)

    def clear(self) -> None:
        """Clear the clipboard now, if it still holds the secret."""
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._digest is not None and _digest(clipboard.text()) == self._digest:
            clipboard.clear()
        self._digest = None

    @property
    def pending(self) -> bool:
        return self._timer.isActive()


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
