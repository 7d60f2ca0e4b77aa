"""Counts read as English: "1 contact", "2 contacts", never "1 contacts"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from boundary_desk.domain.weekly import WeekFigures
from boundary_desk.domain.weeks import Week
from boundary_desk.domain.words import counted
from boundary_desk.ui.review.figures import coverage_note
from boundary_desk.ui.timeline.event_words import minutes_text

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "boundary_desk"
NOUNS = (
    "contacts|entries|warnings|weeks|clients|rows|days|minutes|pages|agreements|searches|"
    "times|records|requests|hours|copies|files|bytes|versions|notes|channels|items"
)
COUNT_THEN_PLURAL = re.compile(rf"^\)?\s?(of them )?({NOUNS})\b")
# A count followed by a plural that can't be 1 where it is said, and why.
ALLOWED = {
    ("ui/agreements/editor.py", "pages"): "the one-page case is a sentence of its own",
    ("ui/agreements/pdf_preview.py", "len(images)"): "the one-page case is said apart",
    ("ui/review/warnings.py", "n"): "only shown when a message repeats",
    ("ui/backups/page.py", "rows"): "backup export: owned by the backup screens",
    ("cli/backup_commands.py", "total"): "a backup always holds many rows",
    ("ui/settings/hours_grid.py", "day_name(day)"): "a day's name, not a count",
}


def test_the_plural_helper() -> None:
    assert counted(1, "contact", "contacts") == "1 contact"
    assert counted(0, "contact", "contacts") == "0 contacts"
    assert counted(2, "week has", "weeks have") == "2 weeks have"
    assert minutes_text(1) == "1 minute" and minutes_text(3) == "3 minutes"


def test_no_screen_page_or_command_puts_a_count_before_a_fixed_plural() -> None:
    found = []
    for layer in ("ui", "cli", "reports", "services"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            where = path.relative_to(PACKAGE).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.JoinedStr):
                    continue
                for value, text in zip(node.values, node.values[1:], strict=False):
                    if (
                        isinstance(value, ast.FormattedValue)
                        and isinstance(text, ast.Constant)
                        and isinstance(text.value, str)
                        and COUNT_THEN_PLURAL.match(text.value)
                        and "counted(" not in ast.unparse(value.value)
                        and (where, ast.unparse(value.value)) not in ALLOWED
                    ):
                        found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_one_week_with_entries_is_said_in_the_singular() -> None:
    quiet = WeekFigures(Week(2026, 45))
    busy = WeekFigures(Week(2026, 46), contacts=1)
    assert coverage_note([quiet, busy, quiet]).endswith(
        "only 1 week has entries, so the averages may read low."
    )
    assert coverage_note([quiet, busy, busy]).startswith("Averages are over the 3 weeks")
    assert "only 2 weeks have entries" in coverage_note([quiet, busy, busy])
