"""Printing results: JSON for scripts, short aligned text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


def emit_pairs(pairs: list[tuple[str, str]]) -> None:
    width = max((len(label) for label, _ in pairs), default=0)
    for label, value in pairs:
        print(f"{label.ljust(width)}  {value}")


def notice(text: str) -> None:
    """A message for the person, kept off stdout so JSON stays clean."""
    print(text, file=sys.stderr)
