"""Which version the agreement editor opens, and how versions are described on screen."""

from __future__ import annotations

from dataclasses import replace

from boundary_desk.domain.agreement_rules import changes
from boundary_desk.domain.agreements import Agreement, AgreementStatus
from boundary_desk.domain.clients import Client
from boundary_desk.domain.practice_settings import TIMEZONE
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.errors import InvalidInput


def previous_version(history: list[Agreement], version: int) -> Agreement | None:
    older = [a for a in history if a.version < version]
    return older[-1] if older else None


def version_line(client: Client, agreement: Agreement) -> str:
    """E.g. "Zoë Martin · C-001 · version 2 · signed 3 March 2026 · review by 3 September 2026"."""
    line = f"{client.display_name} · {client.code} · version {agreement.version}"
    if agreement.status is AgreementStatus.DRAFT:
        return line + (" · draft" if agreement.id else " · new draft, not saved yet")
    signed, review = agreement.client_signed_on, agreement.review_on
    line += f" · signed {long_date(signed)}" if signed else " · signed"
    return line + (f" · review by {long_date(review)}" if review else "")


def history_entry(agreement: Agreement) -> str:
    """One line of the version list, e.g. "Version 1 · signed 3 March 2026"."""
    line = f"Version {agreement.version}"
    if agreement.status is AgreementStatus.DRAFT:
        return line + (" · draft" if agreement.id else " · new draft, not saved")
    signed = agreement.client_signed_on
    line += f" · signed {long_date(signed)}" if signed else " · signed"
    if agreement.status is AgreementStatus.SUPERSEDED:
        line += " · replaced"
    return line


def changes_text(previous: Agreement, current: Agreement) -> str:
    """The "What changed" panel: a heading and one bullet per difference."""
    if current.status is AgreementStatus.DRAFT:
        # A draft gets its review date and recorded choice when signed; until then,
        # blanks there are not changes.
        current = replace(
            current,
            review_on=current.review_on or previous.review_on,
            unencrypted_choice=previous.unencrypted_choice,
        )
    lines = changes(previous, current)
    body = "\n".join(f"• {line}" for line in lines) or "No changes yet."
    return f"Changes since version {previous.version}\n{body}"


def checked_timezone(agreement: Agreement) -> Agreement:
    """The agreement with the client's time zone spelled as the zone database does."""
    if not agreement.client_timezone:
        return agreement
    try:
        zone = TIMEZONE.parse(agreement.client_timezone)
    except InvalidInput:
        raise InvalidInput(
            "The client's time zone must be a name from the list, such as "
            "“America/Vancouver” or “Europe/London”, or left empty."
        ) from None
    return replace(agreement, client_timezone=zone.key)
