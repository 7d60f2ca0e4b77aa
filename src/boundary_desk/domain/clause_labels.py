"""What each agreement clause is called on screen, in the order the agreement reads.

Clause names like "risk.email" are keys, not words a clinician uses; the wording
editor lists clauses by these labels, grouped under the agreement's own headings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ClauseLabel:
    name: str
    label: str
    description: str


@dataclass(frozen=True)
class ClauseGroup:
    title: str
    clauses: tuple[ClauseLabel, ...]


def _risk(channel: str, title: str, phrase: str) -> ClauseLabel:
    return ClauseLabel(
        f"risk.{channel}",
        f"{title}: privacy note",
        f"The privacy risks of {phrase}, printed under it when you agree to use it.",
    )


CLAUSE_GROUPS: tuple[ClauseGroup, ...] = (
    ClauseGroup(
        "About this agreement",
        (
            ClauseLabel(
                "intro",
                "Opening paragraph",
                "The first paragraph: what the agreement is for and when you will review it.",
            ),
        ),
    ),
    ClauseGroup(
        "How we keep in touch",
        (
            ClauseLabel(
                "channels_intro",
                "Channels: introduction",
                "Leads into the list of channels you have agreed to use.",
            ),
            ClauseLabel(
                "no_channels",
                "No contact between sessions",
                "Printed instead of the channel list when no channel is agreed.",
            ),
            _risk("email", "Email", "email"),
            _risk("text", "Text messages", "text messages"),
            _risk("phone", "Phone calls", "phone calls"),
            _risk("voicemail", "Voicemail", "voicemail"),
            _risk("video", "Video calls", "video calls"),
            _risk("portal", "Secure portal", "the secure portal"),
            _risk("dm", "Social-media messages", "social-media messages"),
            ClauseLabel(
                "refused_intro",
                "Channels not used: lead-in",
                "Introduces the channels you have agreed not to use; their names follow it.",
            ),
        ),
    ),
    ClauseGroup(
        "Availability",
        (
            ClauseLabel(
                "availability",
                "Working hours and replies",
                "When you work and when messages sent out of hours are answered.",
            ),
        ),
    ),
    ClauseGroup(
        "In a crisis",
        (
            ClauseLabel(
                "crisis",
                "Emergencies",
                "Heads the crisis box: messages are not for emergencies, and who to call.",
            ),
            ClauseLabel(
                "technology_failure",
                "If the technology fails",
                "What happens when a phone or video session drops.",
            ),
        ),
    ),
    ClauseGroup(
        "Privacy risks",
        (
            ClauseLabel(
                "risks",
                "Privacy risks in general",
                "The risks that unencrypted messages carry, whichever channel is used.",
            ),
            ClauseLabel(
                "informed_choice",
                "Informed choice: channels chosen",
                "Records that the client chose unencrypted channels knowing the risks.",
            ),
            ClauseLabel(
                "not_chosen",
                "Informed choice: none chosen",
                "Printed instead when no unencrypted channel is agreed.",
            ),
        ),
    ),
    ClauseGroup(
        "Records and billing",
        (
            ClauseLabel(
                "records",
                "Records and recording",
                "Messages become part of the clinical record; no recording without consent.",
            ),
            ClauseLabel(
                "billing.yes",
                "Billing: when between-session contact is billed",
                "Printed when the agreement says between-session contact is billed.",
            ),
            ClauseLabel(
                "billing.no",
                "Billing: when between-session contact is not billed",
                "Printed when the agreement says between-session contact is not billed.",
            ),
        ),
    ),
    ClauseGroup(
        "Online",
        (
            ClauseLabel(
                "social_media",
                "Social media",
                "Your policy on friend, follow and connection requests.",
            ),
            ClauseLabel(
                "online_search",
                "Online searches",
                "Whether you search for clients online, and talking about what they find.",
            ),
        ),
    ),
    ClauseGroup(
        "Closing",
        (
            ClauseLabel(
                "minor",
                "Parent or guardian",
                "Printed only for a client under 18: the parent or guardian's part.",
            ),
            ClauseLabel(
                "signatures",
                "Above the signatures",
                "The sentence just above where you both sign.",
            ),
        ),
    ),
)

CLAUSE_LABELS: dict[str, ClauseLabel] = {
    clause.name: clause for group in CLAUSE_GROUPS for clause in group.clauses
}


def clause_label(name: str) -> ClauseLabel:
    """The label for `name`; a clause with none yet is shown by its name, never hidden."""
    return CLAUSE_LABELS.get(name) or ClauseLabel(name, name, "")


def grouped_clauses(names: Iterable[str]) -> list[ClauseGroup]:
    """`names` in agreement order under their headings; any unlabelled ones come last."""
    wanted = list(names)
    present = set(wanted)
    groups = [
        ClauseGroup(g.title, tuple(c for c in g.clauses if c.name in present))
        for g in CLAUSE_GROUPS
    ]
    others = tuple(clause_label(n) for n in wanted if n not in CLAUSE_LABELS)
    if others:
        groups.append(ClauseGroup("Other", others))
    return [group for group in groups if group.clauses]
