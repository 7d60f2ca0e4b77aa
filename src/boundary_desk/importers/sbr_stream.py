"""The records of an SMS Backup & Restore file, one at a time, in bounded memory.

The XML is read by defusedxml's expat reader (no DTDs, entities or outside
references) fed in chunks, as SAX events: no tree is built. Each record is handed
over as its attributes, with its MMS parts and addresses; a part's base64 `data`
is dropped as the part starts, so memory stays near the size of one record however
large the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from boundary_desk.domain.vocabulary.calendar_names import whole_number as shown_number
from boundary_desk.importers.problems import BrokenFile, HostileMarkup, WrongKind, at_line
from boundary_desk.importers.sbr_fields import whole_number
from boundary_desk.importers.text_repair import RepairedXmlStream
from boundary_desk.system.i18n import _, ngettext

ROOTS = {"smses": ("sms", "mms"), "calls": ("call",)}
_CHUNK = 1 << 16


@dataclass(slots=True)
class RawRecord:
    """One record as written: its attributes, and for an MMS its parts and addresses."""

    tag: str
    attrib: dict[str, str]
    number: int = 0  # from 1, in file order
    parts: list[dict[str, str]] = field(default_factory=list)
    addrs: list[dict[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return self.attrib.get(name)


class _Collector(ContentHandler):
    """Gathers whole records from SAX events; the reader takes them after each chunk."""

    def __init__(self, root: str) -> None:
        super().__init__()
        self.root = root
        self.kinds = ROOTS[root]
        self.depth = 0
        self.current: RawRecord | None = None
        self.done: list[RawRecord] = []
        self.records = 0
        self.unknown_elements = 0
        self.declared_count: int | None = None

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        self.depth += 1
        if self.depth == 1:
            self._check_root(name, attrs)
        elif self.depth == 2:
            self.current = RawRecord(name, dict(attrs.items())) if name in self.kinds else None
        elif self.current is not None and name in {"part", "addr"}:
            found = {k: v for k, v in attrs.items() if k != "data"}  # base64: kind is enough
            (self.current.parts if name == "part" else self.current.addrs).append(found)

    def endElement(self, name: str) -> None:
        if self.depth == 2:
            if self.current is None:
                self.unknown_elements += 1
            else:
                self.records += 1
                self.current.number = self.records
                self.done.append(self.current)
                self.current = None
        self.depth -= 1

    def _check_root(self, name: str, attrs: AttributesImpl) -> None:
        if name != self.root:
            if self.root == "smses":
                sentence = _(
                    "This XML file has <{tag}> at its root; an SMS Backup & Restore file of "
                    "messages (<smses>) was expected."
                )
            else:
                sentence = _(
                    "This XML file has <{tag}> at its root; an SMS Backup & Restore file of "
                    "calls (<calls>) was expected."
                )
            raise WrongKind(sentence.format(tag=_safe_tag(name)))
        self.declared_count = whole_number(attrs.get("count"))


class RecordStream:
    """Iterate once over the records under the root; counts are final after the loop."""

    def __init__(self, path: Path, root: str) -> None:
        self._path = path
        self._collector = _Collector(root)
        self.replaced_bytes = 0
        self.bytes_read = 0  # how far into the file the reading has come, for progress

    @property
    def records(self) -> int:
        return self._collector.records

    @property
    def declared_count(self) -> int | None:
        return self._collector.declared_count

    def __iter__(self) -> Iterator[RawRecord]:
        with self._path.open("rb") as raw:
            stream = RepairedXmlStream(raw)
            try:
                yield from self._records(stream)
            except DefusedXmlException:
                raise HostileMarkup() from None
            except SAXParseException as error:
                raise _broken(error.getLineNumber() or 0, self.records) from None
            finally:
                self.replaced_bytes = stream.replaced_bytes

    def _records(self, stream: RepairedXmlStream) -> Iterator[RawRecord]:
        parser = DefusedExpatParser(forbid_dtd=True)
        parser.setContentHandler(self._collector)
        done = self._collector.done
        while True:
            chunk = stream.read(_CHUNK)
            self.bytes_read = stream.position
            try:
                parser.feed(chunk) if chunk else parser.close()
            except (SAXParseException, DefusedXmlException):
                yield from done  # the records whole before the damage are still good
                raise
            yield from done
            done.clear()
            if not chunk:
                return


def _broken(line: int, records: int) -> BrokenFile:
    sentence = ngettext(
        "This SMS Backup & Restore file is damaged at line {line}; the {count} record before "
        "that point was read whole.",
        "This SMS Backup & Restore file is damaged at line {line}; the {count} records before "
        "that point were read whole.",
        records,
    ).format(line=shown_number(line), count=shown_number(records))
    return BrokenFile(sentence, at_line(line), records)


def _safe_tag(tag: str) -> str:
    """The root's name, cut short and stripped of anything but name characters."""
    kept = "".join(c for c in tag if c.isalnum() or c in "_-.:")
    return kept[:40] or "?"
