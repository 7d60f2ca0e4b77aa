"""What each agreement clause is called on screen, in the order the agreement reads, in
the app's language.

Clause names like "risk.email" are keys, not words a clinician uses; the wording
editor lists clauses by these labels, grouped under the agreement's own headings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from boundary_desk.system.i18n import N_, _


@dataclass(frozen=True)
class ClauseLabel:
    name: str
    label: str
    description: str


@dataclass(frozen=True)
class ClauseGroup:
    title: str
    clauses: tuple[ClauseLabel, ...]


# A privacy note's label and description, with its channel's title and phrase in them.
RISK_LABEL = N_("{channel}: privacy note")
RISK_DESCRIPTION = N_("The privacy risks of {channel}, printed under it when you agree to use it.")
_RISK_WORDS: dict[str, tuple[str, str]] = {}


def _risk(channel: str, title: str, phrase: str) -> ClauseLabel:
    _RISK_WORDS[f"risk.{channel}"] = (title, phrase)
    return ClauseLabel(
        f"risk.{channel}",
        RISK_LABEL.format(channel=title),
        RISK_DESCRIPTION.format(channel=phrase),
    )


CLAUSE_GROUPS: tuple[ClauseGroup, ...] = (
    ClauseGroup(
        N_("About this agreement"),
        (
            ClauseLabel(
                "intro",
                N_("Opening paragraph"),
                N_("The first paragraph: what the agreement is for and when you will review it."),
            ),
        ),
    ),
    ClauseGroup(
        N_("How we keep in touch"),
        (
            ClauseLabel(
                "channels_intro",
                N_("Channels: introduction"),
                N_("Leads into the list of channels you have agreed to use."),
            ),
            ClauseLabel(
                "no_channels",
                N_("No contact between sessions"),
                N_("Printed instead of the channel list when no channel is agreed."),
            ),
            _risk("email", N_("Email"), N_("email")),
            _risk("text", N_("Text messages"), N_("text messages")),
            _risk("phone", N_("Phone calls"), N_("phone calls")),
            _risk("voicemail", N_("Voicemail"), N_("voicemail")),
            _risk("video", N_("Video calls"), N_("video calls")),
            _risk("portal", N_("Secure portal"), N_("the secure portal")),
            _risk("dm", N_("Social-media messages"), N_("social-media messages")),
            ClauseLabel(
                "refused_intro",
                N_("Channels not used: lead-in"),
                N_("Introduces the channels you have agreed not to use; their names follow it."),
            ),
        ),
    ),
    ClauseGroup(
        N_("Availability"),
        (
            ClauseLabel(
                "availability",
                N_("Working hours and replies"),
                N_("When you work and when messages sent out of hours are answered."),
            ),
        ),
    ),
    ClauseGroup(
        N_("In a crisis"),
        (
            ClauseLabel(
                "crisis",
                N_("Emergencies"),
                N_("Heads the crisis box: messages are not for emergencies, and who to call."),
            ),
            ClauseLabel(
                "technology_failure",
                N_("If the technology fails"),
                N_("What happens when a phone or video session drops."),
            ),
        ),
    ),
    ClauseGroup(
        N_("Privacy risks"),
        (
            ClauseLabel(
                "risks",
                N_("Privacy risks in general"),
                N_("The risks that unencrypted messages carry, whichever channel is used."),
            ),
            ClauseLabel(
                "informed_choice",
                N_("Informed choice: channels chosen"),
                N_("Records that the client chose unencrypted channels knowing the risks."),
            ),
            ClauseLabel(
                "not_chosen",
                N_("Informed choice: none chosen"),
                N_("Printed instead when no unencrypted channel is agreed."),
            ),
        ),
    ),
    ClauseGroup(
        N_("Records and billing"),
        (
            ClauseLabel(
                "records",
                N_("Records and recording"),
                N_("Messages become part of the clinical record; no recording without consent."),
            ),
            ClauseLabel(
                "billing.yes",
                N_("Billing: when between-session contact is billed"),
                N_("Printed when the agreement says between-session contact is billed."),
            ),
            ClauseLabel(
                "billing.no",
                N_("Billing: when between-session contact is not billed"),
                N_("Printed when the agreement says between-session contact is not billed."),
            ),
        ),
    ),
    ClauseGroup(
        N_("Online"),
        (
            ClauseLabel(
                "social_media",
                N_("Social media"),
                N_("Your policy on friend, follow and connection requests."),
            ),
            ClauseLabel(
                "online_search",
                N_("Online searches"),
                N_("Whether you search for clients online, and talking about what they find."),
            ),
        ),
    ),
    ClauseGroup(
        N_("Closing"),
        (
            ClauseLabel(
                "minor",
                N_("Parent or guardian"),
                N_("Printed only for a client under 18: the parent or guardian's part."),
            ),
            ClauseLabel(
                "signatures",
                N_("Above the signatures"),
                N_("The sentence just above where you both sign."),
            ),
        ),
    ),
)

CLAUSE_LABELS: dict[str, ClauseLabel] = {
    clause.name: clause for group in CLAUSE_GROUPS for clause in group.clauses
}


def clause_label(name: str) -> ClauseLabel:
    """The label for `name` in the app's language; a clause with none yet is shown by its
    name, never hidden."""
    found = CLAUSE_LABELS.get(name)
    if found is None:
        return ClauseLabel(name, name, "")
    if name in _RISK_WORDS:
        title, phrase = _RISK_WORDS[name]
        return ClauseLabel(
            name,
            _(RISK_LABEL).format(channel=_(title)),
            _(RISK_DESCRIPTION).format(channel=_(phrase)),
        )
    return ClauseLabel(name, _(found.label), _(found.description))


def grouped_clauses(names: Iterable[str]) -> list[ClauseGroup]:
    """`names` in agreement order under their headings; any unlabelled ones come last."""
    wanted = list(names)
    present = set(wanted)
    groups = [
        ClauseGroup(_(g.title), tuple(clause_label(c.name) for c in g.clauses if c.name in present))
        for g in CLAUSE_GROUPS
    ]
    others = tuple(clause_label(n) for n in wanted if n not in CLAUSE_LABELS)
    if others:
        groups.append(ClauseGroup(_("Other"), others))
    return [group for group in groups if group.clauses]
