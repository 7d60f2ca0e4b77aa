"""Property tests: the functions that take whatever a person types never fail unexpectedly.

Each either returns a usable value or raises InvalidInput, the one exception the UI and
the CLI turn into a sentence.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from boundary_desk.domain.clauses import PLACEHOLDERS, ClauseSet, validate_clause
from boundary_desk.domain.practice_settings import SETTINGS, SettingSpec, validate_setting
from boundary_desk.domain.when import parse_when
from boundary_desk.errors import InvalidInput
from boundary_desk.reports.document import build_pdf
from boundary_desk.reports.text import para_text
from boundary_desk.reports.theme import report_styles
from boundary_desk.storage.stores.clause_defaults import default_clauses
from boundary_desk.storage.stores.export import safe_cell

# No example database: nothing is written into the working tree.
FUZZ = settings(max_examples=60, deadline=None, database=None)
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
TORONTO = ZoneInfo("America/Toronto")
DEFAULTS = default_clauses()

# Arbitrary text, plus text built from the pieces each parser looks for, so the
# accepting paths are exercised too, not only the refusals.
_PIECES = st.sampled_from([
    *("<b>", "</i>", "&amp;", "&", "<br/>", "\n", "\r\n", "\t", "\x00", "\u202e", "שלום", "مرحبا"),
    *("=", "+", "-", "@", ":", ";", ",", " ", "09:00", "mon-fri", "2026-11-24", "T", "Z"),
    *("{", "}", "{client_name}", "{clinician}", "ago", "h", "min", "99", "-05:00", "UTC"),
])  # fmt: skip
TYPED = st.one_of(st.text(), st.lists(_PIECES | st.text(max_size=3)).map("".join))


@FUZZ
@given(TYPED)
@example("<b>Sam</b> & <i>")
@example("\ud800 lone surrogate")
def test_para_text_is_always_paragraph_markup(text: str) -> None:
    markup = para_text(text)
    assert isinstance(markup, str)
    build_pdf([Paragraph(markup, report_styles().body)], title="fuzz", footer_left="fuzz")


@FUZZ
@given(st.text() | st.builds(lambda c, t: c + t, st.sampled_from("=+-@\t\r"), st.text()))
def test_safe_cell_never_starts_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda spec: spec.key)
@FUZZ
@given(text=TYPED)
def test_settings_are_canonical_or_refused(spec: SettingSpec[Any], text: str) -> None:
    for candidate in (text, spec.default):
        try:
            canonical = validate_setting(spec.key, candidate)
        except InvalidInput:
            continue
        assert isinstance(canonical, str)
        assert validate_setting(spec.key, canonical) == canonical


@FUZZ
@given(TYPED)
@example("3 h ago")
@example("25:00")
@example("2026-11-24T10:00+05:00")
def test_parse_when_is_aware_or_refused(text: str) -> None:
    try:
        moment = parse_when(text, NOW, TORONTO)
    except InvalidInput:
        return
    assert moment.tzinfo is not None and moment.utcoffset() is not None


@FUZZ
@given(st.sampled_from(sorted(DEFAULTS)), TYPED)
@example("intro", "Hello {client_name}, {{literal}}")
@example("intro", "{client_name!r}")
@example("intro", "{client_name")
def test_clauses_are_refused_or_render(name: str, text: str) -> None:
    try:
        accepted = validate_clause(name, text, DEFAULTS)
    except InvalidInput:
        return
    values = {placeholder: "<b>x</b> {y}" for placeholder in PLACEHOLDERS}
    rendered = ClauseSet(DEFAULTS, {name: accepted}).render(name, values)
    assert isinstance(rendered, str)
