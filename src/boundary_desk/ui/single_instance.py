"""One app per vault folder: a second launch asks the first to come forward, then exits.

Two processes holding one SQLCipher vault would each keep their own view of it, so
only the first launch opens it. The local server's name is a hash of the data
folder: no client data, and not even the folder's path, appears in it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise"
TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """E.g. "boundary-desk-1a2b3c4d5e6f7a8b" for one data folder."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"boundary-desk-{digest[:16]}"


class SingleInstance(QObject):
    """Listens under `name` once claimed; `raise_requested` fires when a later launch knocks."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False once the first was asked
        to come forward."""
        if _knock(self.name):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crashed instance: nobody answered, so remove it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("the single-instance server could not listen: %s", server.errorString())
                return True  # running without the guard beats not running at all
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            # Each knock is a few bytes; its socket stays a child of the server (deleting
            # it from a signal races the server's own teardown).
            socket.readyRead.connect(lambda s=socket: self._read(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if RAISE in bytes(socket.readAll().data()):
            self.raise_requested.emit()


def _knock(name: str) -> bool:
    """Ask a running instance under `name` to come forward; False if none answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True
