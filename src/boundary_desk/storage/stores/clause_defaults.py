"""The default clause wording shipped in boundary_desk/data/clauses/."""

from __future__ import annotations

import json
from functools import cache

from boundary_desk.system.resources import resource_path


@cache
def default_clauses(language: str = "en") -> dict[str, str]:
    path = resource_path("clauses", f"{language}.json")
    texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return {name: text for name, text in texts.items() if not name.startswith("_")}
