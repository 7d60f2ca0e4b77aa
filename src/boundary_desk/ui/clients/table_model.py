"""The client list as a read-only table: code, name, status, agreement, first contact, minor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, TypeAlias

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from boundary_desk.domain.clients import Client, ClientStatus, HandleKind
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.system.i18n import N_, _, left_to_right, pgettext

_Index: TypeAlias = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CODE = 0
    NAME = 1
    STATUS = 2
    AGREEMENT = 3
    CONTACT = 4
    MINOR = 5


HEADERS = {
    Column.CODE: N_("Code"),
    Column.NAME: N_("Name"),
    Column.STATUS: N_("Status"),
    Column.AGREEMENT: N_("Agreement"),
    Column.CONTACT: N_("Contact"),  # the column of phone numbers and addresses
    Column.MINOR: N_("Minor"),
}
# A soft amber: it asks for attention without looking like an error.
ATTENTION = "#C08A2E"
_COLUMNS = tuple(Column)
# The only roles `data` answers. Fitting the columns asks every cell for a dozen roles,
# so the rest are refused before any work (about 9 in 10 of the calls at unlock).
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
    )
)


@dataclass(frozen=True)
class AgreementStanding:
    """What the Agreement column says, and whether it wants the clinician's attention."""

    text: str
    needs_attention: bool = False


def format_date(day: date) -> str:
    """A date nobody can misread, whatever their country: "3 Mar 2025"."""
    return short_date(day)


def status_text(client: Client) -> str:
    """Active, "Ended on 3 Mar 2025", or (kept short) "Archived" / "Ended, archived"."""
    ended = client.status is ClientStatus.ENDED
    if client.archived:
        return _("Ended, archived") if ended else _("Archived")
    if ended and client.ended_on is not None:
        return _("Ended on {date}").format(date=format_date(client.ended_on))
    return _("Ended") if ended else _("Active")


def first_contact(client: Client) -> str:
    """The first phone number or email address, in the order the clinician entered them."""
    for handle in client.handles:
        if handle.kind in (HandleKind.PHONE, HandleKind.EMAIL):
            return handle.value
    return ""


class ClientTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._clients: list[Client] = []
        self._standings: dict[int, AgreementStanding] = {}
        self._attention_icon: QIcon | None = None

    def set_clients(
        self, clients: list[Client], standings: dict[int, AgreementStanding] | None = None
    ) -> None:
        self.beginResetModel()
        self._clients = list(clients)
        self._standings = dict(standings or {})
        self.endResetModel()

    def standing(self, client: Client) -> AgreementStanding | None:
        return self._standings.get(client.id) if client.id is not None else None

    def client_at(self, row: int) -> Client | None:
        return self._clients[row] if 0 <= row < len(self._clients) else None

    def row_of(self, client_id: int | None) -> int | None:
        for row, client in enumerate(self._clients):
            if client.id == client_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clients)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            column = Column(section)
            if column is Column.CONTACT:
                return pgettext("column", "Contact")
            return _(HEADERS[column])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # no tooltips: Qt would guess whether "<b>x</b>" is markup
            return None
        client = self.client_at(index.row()) if index.isValid() else None
        if client is None:
            return None
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.AGREEMENT:
                standing = self.standing(client)
                return standing.text if standing else None
            return self._text(client, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column is Column.AGREEMENT:
            standing = self.standing(client)
            return self._attention() if standing and standing.needs_attention else None
        if role == Qt.ItemDataRole.FontRole and client.archived:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _attention(self) -> QIcon:
        """A small amber dot, drawn once."""
        if self._attention_icon is None:
            pixmap = QPixmap(12, 12)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ATTENTION))
            painter.drawEllipse(1, 1, 10, 10)
            painter.end()
            self._attention_icon = QIcon(pixmap)
        return self._attention_icon

    @staticmethod
    def _text(client: Client, column: Column) -> str:
        if column is Column.CODE:
            return client.code
        if column is Column.NAME:
            return client.display_name
        if column is Column.STATUS:
            return status_text(client)
        if column is Column.CONTACT:
            return left_to_right(first_contact(client))
        return _("Yes") if client.is_minor else ""
