"""Where a file is saved: one way for every save (agreement, record, review, export, kit).

The dialog opens in the folder last used for that kind of file, else in Documents, and
never inside Boundary Desk's own folders (the vault's data folder, its logs). Only the
folder is remembered, never a file name (which could carry a client code), and only in
the vault, while it is unlocked: a folder can be named after a client ("Clients/Jane
Doe"), so the desktop's plaintext settings keep none (older versions did; those are
removed, see forget_plaintext_folders). The dialog is the desktop's own where it has one
(the Prompter asks QFileDialog without DontUseNativeDialog). After saving, the clinician
is offered "Show in folder".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from boundary_desk.system.i18n import _
from boundary_desk.system.paths import resolve_paths
from boundary_desk.ui.widgets.desktop_settings import (
    desktop_settings,
    save_privately,
)
from boundary_desk.ui.widgets.dialogs import Prompter

if TYPE_CHECKING:
    from boundary_desk.services import Services

FOLDERS_GROUP = "save-folders"  # where older versions kept the folders, in plaintext

# The kinds of file, each remembering its own folder.
AGREEMENT = "agreement"
RECORD = "record"
REVIEW = "review"
EXPORT = "export"
EMERGENCY_KIT = "emergency-kit"
IMPORT = "import"  # where exports to import were last chosen from
KINDS = (AGREEMENT, RECORD, REVIEW, EXPORT, EMERGENCY_KIT, IMPORT)

PDF_FILTER = "PDF documents (*.pdf)"


def forget_plaintext_folders() -> None:
    """Remove the folders older versions remembered in the desktop's plaintext settings."""
    settings = desktop_settings()
    if FOLDERS_GROUP in settings.childGroups():
        settings.remove(FOLDERS_GROUP)
        save_privately(settings)


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder if there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def app_folders(extra: Iterable[Path] = ()) -> list[Path]:
    """Boundary Desk's own folders, which a save dialog never opens in."""
    paths = resolve_paths()
    folders = [paths.data_dir, paths.log_dir, *extra]
    return [Path(f).expanduser().absolute() for f in folders]


def _inside(folder: Path, avoid: Iterable[Path]) -> bool:
    resolved = folder.expanduser().absolute()
    return any(resolved == a or resolved.is_relative_to(a) for a in avoid)


def start_folder(kind: str, avoid: Iterable[Path] = (), services: Services | None = None) -> Path:
    """The folder last used for `kind` if the vault is open and it is still there, else
    Documents."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file: {kind!r}")
    # The settings use case (and the practice-settings rules it brings) loads with the
    # first save, not with the app's first window, which uses this module to forget.
    from boundary_desk.services.settings import remembered_save_folder

    shunned = app_folders(avoid)
    folder = remembered_save_folder(services, kind) if services is not None else None
    usable = folder is not None and folder.is_absolute() and folder.is_dir()
    if folder is not None and usable and not _inside(folder, shunned):
        return folder
    default = documents_folder()
    return Path.home() if _inside(default, shunned) else default


def remember_folder(
    kind: str, folder: Path, avoid: Iterable[Path] = (), services: Services | None = None
) -> None:
    """Remember `folder` (the folder only) for the next save of `kind`, in the vault."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file: {kind!r}")
    folder = folder.expanduser().absolute()
    if services is None or not folder.is_dir():
        return  # a typed folder that isn't there: the save itself says so
    if _inside(folder, app_folders(avoid)):
        return  # saving there was the clinician's choice once; never the place to start
    from boundary_desk.services.settings import remember_save_folder

    remember_save_folder(services, kind, folder)


def ask_save_path(
    prompter: Prompter,
    parent: QWidget | None,
    *,
    kind: str,
    title: str,
    file_name: str,
    filter_text: str = PDF_FILTER,
    suffix: str = ".pdf",
    avoid: Iterable[Path] = (),
    services: Services | None = None,
) -> Path | None:
    """Ask where to save `file_name`; None if cancelled. With `services` (an unlocked
    vault) the dialog opens where the last file of `kind` went, and the folder is kept."""
    avoid = list(avoid)
    suggested = start_folder(kind, avoid, services) / file_name
    chosen = prompter.save_file(parent, title, suggested, filter_text)
    if chosen is None:
        return None
    if suffix and chosen.suffix.lower() != suffix:
        chosen = chosen.with_name(chosen.name + suffix)
    remember_folder(kind, chosen.parent, avoid, services)
    return chosen


def show_in_folder(path: Path) -> bool:
    """Open the folder holding `path` in the desktop's file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def offer_show_in_folder(prompter: Prompter, parent: QWidget | None, path: Path) -> None:
    """After a save: "Saved … in …", with Show in folder beside OK."""
    where = path.parent if path.name else path
    if path.name:
        text = _("Saved “{name}” in {folder}.").format(name=path.name, folder=where)
    else:
        text = _("Saved in {folder}.").format(folder=where)
    if prompter.offer_folder(parent, _("Saved"), text):
        show_in_folder(path)
