"""The records of an SMS Backup & Restore file, one at a time, in bounded memory.

The XML is read by defusedxml (no DTDs, entities or outside references) as a stream:
each record is handed over whole, then cleared, and every MMS part's base64 `data`
is dropped as soon as its part ends, so memory stays near the size of one record
whatever the size of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from boundary_desk.importers.problems import BrokenFile, HostileMarkup, WrongKind
from boundary_desk.importers.sbr_fields import whole_number
from boundary_desk.importers.text_repair import RepairedXmlStream

ROOTS = {"smses": ("sms", "mms"), "calls": ("call",)}
WHAT = "SMS Backup & Restore file"


@dataclass(frozen=True, slots=True)
class Record:
    number: int  # from 1, in file order
    element: Element  # the record with its parts and addresses; valid until the next


class RecordStream:
    """Iterate once over the records under the root; root facts are known after the first."""

    def __init__(self, path: Path, root: str) -> None:
        self._path = path
        self._root = root
        self.declared_count: int | None = None
        self.records = 0
        self.replaced_bytes = 0
        self.unknown_elements = 0

    def __iter__(self) -> Iterator[Record]:
        with self._path.open("rb") as raw:
            stream = RepairedXmlStream(raw)
            try:
                yield from self._records(stream)
            except DefusedXmlException:
                raise HostileMarkup() from None
            except ParseError as error:
                line = error.position[0]
                raise BrokenFile(WHAT, f"line {line:,}", self.records, "record") from None
            finally:
                self.replaced_bytes = stream.replaced_bytes

    def _records(self, stream: RepairedXmlStream) -> Iterator[Record]:
        kinds = ROOTS[self._root]
        # The stream is always UTF-8 by now, whatever the declaration claims.
        parser = SafeTree.DefusedXMLParser(target=TreeBuilder(), encoding="utf-8", forbid_dtd=True)
        events: Iterator[tuple[str, Any]] = SafeTree.iterparse(
            stream, events=("start", "end"), parser=parser
        )
        depth = 0
        root: Element | None = None
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root = self._check_root(element)
                continue
            depth -= 1
            if depth == 2 and element.tag == "part":
                element.attrib.pop("data", None)  # base64 attachment: only its kind matters
            elif depth == 1 and root is not None:
                if element.tag in kinds:
                    self.records += 1
                    yield Record(self.records, element)
                else:
                    self.unknown_elements += 1
                root.clear()  # drops this record and the text between records

    def _check_root(self, element: Element) -> Element:
        if element.tag != self._root:
            expected = "messages (<smses>)" if self._root == "smses" else "calls (<calls>)"
            raise WrongKind(
                f"This XML file has <{_safe_tag(element.tag)}> at its root; an SMS Backup & "
                f"Restore file of {expected} was expected."
            )
        self.declared_count = whole_number(element.get("count"))
        return element


def _safe_tag(tag: str) -> str:
    """The root's name, cut short and stripped of anything but name characters."""
    kept = "".join(c for c in tag if c.isalnum() or c in "_-.:")
    return kept[:40] or "?"
