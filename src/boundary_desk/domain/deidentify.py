"""Replacing clients' names and contact details by their codes in text that leaves the vault.

What counts as a client's name, and when it is replaced:

- The full name, in any case and with or without accents ("Zoë Martin", "zoe martin",
  "ZOË  MARTIN"), spaces and hyphens between its parts read alike.
- Two or more of its parts in a row ("van Dijk" of "J. van Dijk").
- Each part of the name alone (a first name is enough to identify a client in a small
  caseload), except initials and particles ("de", "van", "al"). A part that is also a
  common word ("Will", "May", "Grace") or only two letters long is replaced only when
  it is not written in lower case, so "I will call" keeps its "will".
- A possessive keeps its ending: "Zoë's" becomes "C-001's".
- A name part shared by two clients becomes both codes ("C-001 or C-002").
- A minor's parent or guardian: their name becomes "C-001's guardian".

Contact details: an email address in any case; a social handle of three or more
characters, with or without its "@" (and the last part of a profile link); a phone
number written with any spacing, brackets or dashes, with or without its country
code or a leading trunk 0 ("(416) 555-0142" and "555-0142" both match
"+1 416 555 0142"). Only the client's own digits match, so times, dates and other
numbers stay; a number of fewer than four digits is never matched.

Only names the vault knows can be replaced: a partner's or colleague's name stays as
written, which is why the export is shown before it is saved.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from boundary_desk.domain.clients import Client, HandleKind
from boundary_desk.domain.words import counted


class Found(StrEnum):
    NAME = "name"
    GUARDIAN = "guardian's name"
    PHONE = "phone number"
    EMAIL = "email address"
    SOCIAL = "social handle"


_PLURALS = {
    Found.NAME: "names",
    Found.GUARDIAN: "guardians' names",
    Found.PHONE: "phone numbers",
    Found.EMAIL: "email addresses",
    Found.SOCIAL: "social handles",
}

# Given names and surnames that are everyday words too: replaced only when capitalised.
COMMON_WORDS = frozenset(
    re.findall(
        r"\w+",
        "amber april art august autumn baker bell bill black brown bush carol christian cook "
        "crystal daisy dawn dean drew earl faith fox frank gene grace green guy hall heather "
        "holly honey hope hunter iris ivy jack jean joy june king lily little long love mark "
        "may miller olive page pat pearl penny ray rich river rob rose rowan ruby sky stone "
        "summer sunny sue victor violet white will wolf wood young",
    )
)
PARTICLES = frozenset(
    re.findall(
        r"\w+",
        "al bin bint da de del della den der des di du el ibn ii iii iv jr la le mc sr st van "
        "von y",
    )
)

_SEP = r"[\s\-]+"  # between the parts of a name
_DIGIT_SEP = (
    r"[\s().\-\u2013\u2014\u2212/]*"  # between a phone number's digits (dashes, slashes too)
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


@dataclass(frozen=True)
class Piece:
    """A stretch of text as it will leave; `original` is what it replaced, if anything."""

    text: str
    original: str = ""
    found: Found | None = None

    @property
    def replaced(self) -> bool:
        return self.found is not None


@dataclass(frozen=True)
class Replaced:
    """A text with every client's name and handle swapped for a code, piece by piece."""

    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def original(self) -> str:
        return "".join(p.original if p.replaced else p.text for p in self.pieces)

    @property
    def replacements(self) -> tuple[Piece, ...]:
        return tuple(p for p in self.pieces if p.replaced)


@dataclass(frozen=True)
class _Match:
    start: int  # in the folded text
    end: int
    code: str
    found: Found


class ClientNames:
    """Every client's names and handles, ready to be replaced by their codes in any text."""

    def __init__(self, clients: Iterable[Client]) -> None:
        terms: dict[str, dict[str, Found]] = {}  # folded name -> {code: what it is}
        socials: dict[str, str] = {}
        emails: dict[str, str] = {}
        phones: list[tuple[re.Pattern[str], str]] = []
        for client in clients:
            for name, found in ((client.display_name, Found.NAME),
                                (client.guardian_name, Found.GUARDIAN)):  # fmt: skip
                for term in _name_terms(name):
                    # Keyed as the matcher reads a match back: parts joined by one space.
                    codes = terms.setdefault(" ".join(re.split(_SEP, term)), {})
                    if codes.get(client.code) is not Found.NAME:  # own name wins
                        codes[client.code] = found
            for handle in client.handles:
                value = _fold(handle.value).strip()
                if handle.kind is HandleKind.EMAIL and value:
                    emails[value] = client.code
                elif handle.kind is HandleKind.PHONE and (pattern := _phone_pattern(value)):
                    phones.append((pattern, client.code))
                elif handle.kind is HandleKind.SOCIAL:
                    socials.update(dict.fromkeys(_social_terms(value), client.code))
        self._terms = terms
        self._names = _alternation(terms, lambda t: _SEP.join(map(re.escape, t.split())))
        self._emails, self._socials, self._phones = emails, socials, phones
        self._email_re = _alternation(emails, re.escape, after=r"(?![\w\-]|\.[\w\-])")
        self._social_re = _alternation(socials, lambda t: "@?" + re.escape(t))

    def replace(self, text: str) -> Replaced:
        """`text` with each client's names and handles replaced by the client's code."""
        folded, origin = _folded(text)
        found = self._find(text, folded, origin)
        pieces: list[Piece] = []
        at = 0
        for match in found:
            start, end = origin[match.start], _end(text, origin[match.end - 1] + 1)
            if start > at:
                pieces.append(Piece(text[at:start]))
            pieces.append(Piece(_replacement(match), text[start:end], match.found))
            at = end
        if at < len(text) or not pieces:
            pieces.append(Piece(text[at:]))
        return Replaced(tuple(pieces))

    def _find(self, text: str, folded: str, origin: Sequence[int]) -> list[_Match]:
        candidates: list[_Match] = []
        if self._names is not None:
            for m in self._names.finditer(folded):
                key = " ".join(re.split(_SEP, m.group(0)))
                codes = self._terms[key]
                if _capitalised_only(key) and text[origin[m.start()]].islower():
                    continue
                found = next(iter(codes.values())) if len(codes) == 1 else Found.NAME
                candidates.append(_Match(m.start(), m.end(), _codes(codes), found))
        for pattern, table, found in ((self._email_re, self._emails, Found.EMAIL),
                                      (self._social_re, self._socials, Found.SOCIAL)):  # fmt: skip
            if pattern is not None:
                for m in pattern.finditer(folded):
                    code = table[m.group(0).removeprefix("@")]
                    candidates.append(_Match(m.start(), m.end(), code, found))
        for phone, code in self._phones:
            for m in phone.finditer(folded):
                candidates.append(_Match(m.start(), m.end(), code, Found.PHONE))
        return _without_overlaps(candidates)


def summary(counts: Mapping[str, Counter[Found]]) -> str:
    """ "2 names replaced by codes in the notes; 1 phone number replaced by a code in …"."""
    parts = []
    for where, found in counts.items():
        for kind, n in found.items():
            if n:
                codes = "a code" if n == 1 else "codes"
                parts.append(
                    f"{counted(n, kind.value, _PLURALS[kind])} replaced by {codes} {where}"
                )
    return "; ".join(parts)


def count(results: Sequence[Replaced]) -> Counter[Found]:
    """How many of each kind of detail were replaced across `results`."""
    return Counter(p.found for r in results for p in r.replacements if p.found is not None)


# -- building the terms ------------------------------------------------------------------


def _name_terms(name: str) -> set[str]:
    """The folded full name and each part of it worth replacing alone."""
    words = re.findall(r"[\w'\-]+", _fold(name))
    if not words:
        return set()
    words = [w.strip("'-") for w in words if w.strip("'-")]
    # A particle written with a capital in the name is a name of its own ("Lê" of "Lê Thị
    # Hoa", "Du" of "Du Fei"); written lower-case ("van" of "van Dijk") it is a particle.
    named = {_fold(w).strip("'-") for w in re.findall(r"[\w'\-]+", name) if w[:1].isupper()}
    parts = set(words) | {sub for w in words if "-" in w for sub in w.split("-")}
    # Runs of two or more parts too ("van Dijk" of "J. van Dijk"), unless all initials.
    runs = {
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
        if any(len(w) >= 2 and w not in PARTICLES for w in words[i:j])
    }
    alone = {p for p in parts if len(p) >= 2 and (p not in PARTICLES or p in named)}
    return runs | {" ".join(words)} | alone


def _capitalised_only(term: str) -> bool:
    return " " not in term and (len(term) <= 2 or term in COMMON_WORDS or term in PARTICLES)


def _social_terms(value: str) -> set[str]:
    core = value.removeprefix("@")
    tail = core.split("?")[0].rstrip("/").rsplit("/", 1)[-1].removeprefix("@")
    return {t for t in (core, tail) if len(t) >= 3}


def _phone_pattern(value: str) -> re.Pattern[str] | None:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 4:
        return None
    core_len = min(7, len(digits))
    prefix, core = digits[:-core_len], digits[-core_len:]
    leading = ""
    for digit in prefix:  # any tail of the prefix may be written: "+1 416 …", "416 …"
        leading = f"(?:{leading}{digit}{_DIGIT_SEP})?"
    body = _DIGIT_SEP.join(core)
    return re.compile(rf"(?<![\w+])(?:\+{_DIGIT_SEP}|00|0)?\(?{leading}{body}(?!\d)")


def _alternation(
    terms: Mapping[str, object], as_regex: Callable[[str], str], after: str = r"(?!\w)"
) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)  # the full name before its parts
    return re.compile(r"(?<!\w)(?:" + "|".join(as_regex(t) for t in ordered) + ")" + after)


# -- folding and mapping back ------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` folded (no case, no accents), and for each folded character its origin."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold(ch)
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def _end(text: str, end: int) -> int:
    """Past any combining accents that follow a match, so none is left behind."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def _codes(codes: Mapping[str, Found]) -> str:
    return " or ".join(sorted(codes))


def _replacement(match: _Match) -> str:
    return f"{match.code}'s guardian" if match.found is Found.GUARDIAN else match.code


def _without_overlaps(found: list[_Match]) -> list[_Match]:
    """The earliest, then longest, of overlapping matches; the rest dropped."""
    kept: list[_Match] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept
