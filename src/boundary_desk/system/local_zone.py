"""What the operating system says about the computer's time zone, without Qt."""

from __future__ import annotations

import os
from pathlib import Path


def zone_from_tz_variable() -> str:
    """The zone named by $TZ (":Europe/London" or "Europe/London"), or ""."""
    return os.environ.get("TZ", "").lstrip(":")


def zone_from_localtime_link() -> str:
    """The zone /etc/localtime links to (Linux, macOS), or ""."""
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    _, found, name = target.partition("zoneinfo/")
    return name if found else ""
