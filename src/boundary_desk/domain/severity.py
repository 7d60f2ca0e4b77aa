"""How much a warning asks of the clinician; which warning has which is in boundary_warnings."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """Mildest first.

    information: worth knowing, nothing to do yet; attention: something to act on or
    watch; serious: a boundary crossed, or a risk to the client or their privacy.
    """

    INFORMATION = "information"
    ATTENTION = "attention"
    SERIOUS = "serious"
