"""Which version the agreement editor opens, and how versions are described on screen."""

from __future__ import annotations

from dataclasses import replace

from boundary_desk.domain.agreement_rules import changes
from boundary_desk.domain.agreements import Agreement, AgreementStatus
from boundary_desk.domain.clients import Client
from boundary_desk.domain.practice_settings import TIMEZONE
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _


def previous_version(history: list[Agreement], version: int) -> Agreement | None:
    older = [a for a in history if a.version < version]
    return older[-1] if older else None


def version_line(client: Client, agreement: Agreement) -> str:
    """E.g. "Zoë Martin · C-001 · version 2 · signed 3 March 2026 · review by 3 September 2026"."""
    # A list of facts joined by " · ", each fact whole in the language.
    parts = [
        client.display_name,
        client.code,
        _("version {version}").format(version=agreement.version),
    ]
    if agreement.status is AgreementStatus.DRAFT:
        parts.append(_("draft") if agreement.id else _("new draft, not saved yet"))
        return " · ".join(parts)
    signed, review = agreement.client_signed_on, agreement.review_on
    parts.append(_("signed {date}").format(date=long_date(signed)) if signed else _("signed"))
    if review:
        parts.append(_("review by {date}").format(date=long_date(review)))
    return " · ".join(parts)


def history_entry(agreement: Agreement) -> str:
    """One line of the version list, e.g. "Version 1 · signed 3 March 2026"."""
    parts = [_("Version {number}").format(number=agreement.version)]
    if agreement.status is AgreementStatus.DRAFT:
        parts.append(_("draft") if agreement.id else _("new draft, not saved"))
        return " · ".join(parts)
    signed = agreement.client_signed_on
    parts.append(_("signed {date}").format(date=long_date(signed)) if signed else _("signed"))
    if agreement.status is AgreementStatus.SUPERSEDED:
        parts.append(_("replaced"))
    return " · ".join(parts)


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
    body = "\n".join(f"• {line}" for line in lines) or _("No changes yet.")
    heading = _("Changes since version {version}").format(version=previous.version)
    return f"{heading}\n{body}"


def checked_timezone(agreement: Agreement) -> Agreement:
    """The agreement with the client's time zone spelled as the zone database does."""
    if not agreement.client_timezone:
        return agreement
    try:
        zone = TIMEZONE.parse(agreement.client_timezone)
    except InvalidInput:
        raise InvalidInput(
            _(
                "The client's time zone must be a name from the list, such as "
                "“America/Vancouver” or “Europe/London”, or left empty."
            )
        ) from None
    return replace(agreement, client_timezone=zone.key)
