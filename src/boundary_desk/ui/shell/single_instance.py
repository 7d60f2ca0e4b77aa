"""One app per vault folder: a second launch asks the first to come forward, then exits.

Two processes holding one SQLCipher vault would each keep their own view of it, so
only the first launch opens it. The local server's name is a hash of the data
folder: no client data, and not even the folder's path, appears in it. On Linux and
macOS the socket lives in a folder only this user can enter (see
`paths.private_runtime_dir`), so no other user can take its name first. On Windows
it is a named pipe, which Qt's UserAccessOption limits to this user.

A launch exits only when a running Boundary Desk answers. A socket left by a crash
is removed; anything else that holds the name without answering is replaced, and
`SingleInstance.problem` says so in one sentence.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from boundary_desk.system.i18n import N_
from boundary_desk.system.paths import private_runtime_dir

log = logging.getLogger(__name__)

RAISE = b"raise"
ANSWER = b"boundary-desk: raised\n"
TIMEOUT_MS = 1000

NOT_ANSWERING = N_(
    "Something that isn't Boundary Desk was holding the app's single-instance address, "
    "so Boundary Desk replaced it and opened."
)
NO_GUARD = N_(
    "Boundary Desk could not set up its check against opening the same vault twice, "
    "so take care not to open this vault in a second window."
)


class Knock(enum.Enum):
    NOBODY = "nobody"
    ANSWERED = "answered"  # a running Boundary Desk is coming forward
    SILENT = "silent"  # something listens there, but doesn't speak our protocol


def server_name(data_dir: Path) -> str:
    """E.g. "boundary-desk-1a2b3c4d5e6f7a8b" for one data folder."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"boundary-desk-{digest[:16]}"


def socket_address(data_dir: Path) -> str:
    """Where the server for `data_dir` listens: a path in a private folder, or a pipe name."""
    name = server_name(data_dir)
    if os.name == "nt":
        return name
    return str(private_runtime_dir() / name)


class SingleInstance(QObject):
    """Listens at `address` once claimed; `raise_requested` fires when a later launch knocks."""

    raise_requested = Signal()

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = address
        self.problem: str | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False once the first was asked
        to come forward and answered."""
        knock = _knock(self.name)
        if knock is Knock.ANSWERED:
            return False
        if knock is Knock.SILENT:
            self.problem = NOT_ANSWERING
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crash (or the squatter's): nobody of ours
            # answered there, and the folder is this user's own, so remove it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("the single-instance server could not listen: %s", server.errorString())
                self.problem = NO_GUARD
                return True  # running without the guard beats not running at all
        if self.problem:
            log.warning("%s", self.problem)
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
            socket.write(ANSWER)
            socket.flush()
            self.raise_requested.emit()


def _knock(address: str) -> Knock:
    """Ask a running instance at `address` to come forward, and say who answered."""
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(TIMEOUT_MS):
        return Knock.NOBODY
    socket.write(RAISE)
    socket.waitForBytesWritten(TIMEOUT_MS)
    answer = b""
    while ANSWER not in answer and socket.waitForReadyRead(TIMEOUT_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return Knock.ANSWERED if ANSWER in answer else Knock.SILENT
