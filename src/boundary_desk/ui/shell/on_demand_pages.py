"""The workspace's pages, each built the first time it is shown or asked for.

Building all six at unlock took about a quarter of a second, and brought in the
charts (pyqtgraph, numpy) and the PDF code before the clinician had asked for
either. A page not yet built is an empty placeholder in the stack; it is replaced
by the real page the first time the page is shown, or when code asks for it (an
automatic backup drives the Backups page unseen). Once built, a page stays until
the workspace is deleted on lock, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QWidget


class OnDemandPages(QStackedWidget):
    """A QStackedWidget whose pages are made by their builders on first use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._builders: list[Callable[[], QWidget]] = []
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}

    def add_page(self, name: str, build: Callable[[], QWidget]) -> None:
        """Reserve the next place for page `name`; `build` makes it when first needed."""
        self._names.append(name)
        self._builders.append(build)
        self._placeholders[name] = QWidget()
        self.addWidget(self._placeholders[name])

    def show_index(self, index: int) -> None:
        """Show the page at `index` (as a navigation row), building it first if needed."""
        if 0 <= index < len(self._names):
            self.setCurrentWidget(self.page(self._names[index]))

    def page(self, name: str) -> QWidget:
        """The page called `name`, built now if it hasn't been; KeyError for an unknown name."""
        built = self._built.get(name)
        if built is not None:
            return built
        if name not in self._names:
            raise KeyError(name)
        index = self._names.index(name)
        page = self._builders[index]()
        placeholder = self._placeholders.pop(name)
        was_current = self.currentWidget() is placeholder
        self.insertWidget(index, page)
        if was_current:  # first, so removing the placeholder never shows another page
            self.setCurrentWidget(page)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built[name] = page
        return page

    def is_built(self, name: str) -> bool:
        return name in self._built

    @property
    def names(self) -> list[str]:
        return list(self._names)
