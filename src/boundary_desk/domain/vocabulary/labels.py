"""What each kind of entry, answer and warning is called, on screen and on paper alike.

Labels are written as they read inside a sentence ("not yet answered"); a screen or a
page that starts a line with one capitalises it. Agreement channels are the exception:
they are headings ("Text messages (SMS)") and are lowered for a sentence instead.

The mappings hold the English source: the command line and the reports use it as it is
(the agreement translates it into its own language). A screen shows a label through
`shown()`, in the app's language, and an entry's title through `shown_event_title()`.
"""

from __future__ import annotations

from collections.abc import Mapping

from boundary_desk.domain.after_hours import AfterHours, AfterHoursReason
from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    RequestAction,
    SearchPurpose,
)
from boundary_desk.domain.severity import Severity
from boundary_desk.system.i18n import N_, _, pgettext

# The context of every label in the catalogs: a label's English may be a word the app
# also uses elsewhere with another sense ("email", a channel, against the agreement's
# phrase "email" inside a sentence).
LABEL_CONTEXT = "label"

EVENT_KIND_LABELS: Mapping[EventKind, str] = {
    EventKind.CONTACT: "contact",
    EventKind.FRIEND_REQUEST: "friend request",
    EventKind.SEARCH: "online search",
    EventKind.CLIENT_APPROACH: "client approach",
}

CONTACT_CHANNEL_LABELS: Mapping[ContactChannel, str] = {
    ContactChannel.EMAIL: "email",
    ContactChannel.TEXT: "text message",
    ContactChannel.CALL: "phone call",
    ContactChannel.VOICEMAIL: "voicemail",
    ContactChannel.VIDEO: "video call",
    ContactChannel.PORTAL: "portal message",
    ContactChannel.DM: "social-media message",
    ContactChannel.IN_PERSON: "in-person encounter",
}

DIRECTION_LABELS: Mapping[Direction, str] = {
    Direction.IN: "client initiated",
    Direction.OUT: "clinician initiated",
}

CATEGORY_LABELS: Mapping[Category, str] = {
    Category.ADMIN: "admin / scheduling",
    Category.CLINICAL: "clinical",
    Category.CRISIS: "crisis / risk",
    Category.PERSONAL: "personal / social",
}

REQUEST_ACTION_LABELS: Mapping[RequestAction, str] = {
    RequestAction.PENDING: "not yet answered",
    RequestAction.DECLINED: "declined",
    RequestAction.IGNORED: "ignored",
    RequestAction.ACCEPTED: "accepted",
    RequestAction.DISCUSSED: "discussed in session",
}

SEARCH_PURPOSE_LABELS: Mapping[SearchPurpose, str] = {
    SearchPurpose.RISK: "imminent risk or safety of the client",
    SearchPurpose.ASSESSMENT: "assessment",
    SearchPurpose.VERIFICATION: "identity verification",
    SearchPurpose.SAFETY: "my own safety",
    SearchPurpose.CURIOSITY: "curiosity",
    SearchPurpose.OTHER: "other",
}

CONSENT_LABELS: Mapping[Consent, str] = {
    Consent.OBTAINED: "obtained",
    Consent.NOT_OBTAINED: "not obtained",
    Consent.IMMINENT_RISK: "not sought: imminent risk",
}
# The same answers as they follow a search in a short list: "curiosity, without consent".
CONSENT_PHRASES: Mapping[Consent, str] = {
    Consent.OBTAINED: "with consent",
    Consent.NOT_OBTAINED: "without consent",
    Consent.IMMINENT_RISK: "for imminent risk",
}

CHANNEL_LABELS: Mapping[Channel, str] = {
    Channel.EMAIL: "Email",
    Channel.TEXT: "Text messages (SMS)",
    Channel.PHONE: "Phone calls",
    Channel.VOICEMAIL: "Voicemail",
    Channel.VIDEO: "Video calls",
    Channel.PORTAL: "Secure client portal",
    Channel.DM: "Social-media direct messages",
}

PURPOSE_LABELS: Mapping[Purpose, str] = {
    Purpose.SCHEDULING: "scheduling and admin",
    Purpose.CHECK_IN: "a brief clinical check-in",
    Purpose.HOMEWORK: "homework and between-session exercises",
}

# Keyed by the codes the boundary rules and trend tests give their warnings.
WARNING_LABELS: Mapping[str, str] = {
    "after_hours": "Contact after hours",
    "replied_after_hours": "You replied after hours",
    "no_agreement": "No signed agreement",
    "outside_agreement": "Outside the agreement",
    "agreement_review_due": "Agreement due for review",
    "crisis_channel": "Crisis content by a non-crisis channel",
    "reply_poor_fit": "Reply in a lean channel",
    "friend_request_accepted": "Friend request accepted",
    "friend_request_unaddressed": "Friend request waiting",
    "search_curiosity": "Search out of curiosity",
    "search_no_consent": "Search without consent",
    "search_repeated": "Repeated searches",
    "search_undocumented": "Search not documented or not told",
    "client_approach": "Client searched for or approached you",
    "after_termination": "Contact after therapy ended",
    "after_hours_trend": "Rising after-hours trend",
    "practice_after_hours_drift": "Practice-wide drift",
}


# A warning's severity as its badge reads; said in words, never by colour alone.
SEVERITY_LABELS: Mapping[Severity, str] = {
    Severity.INFORMATION: "information",
    Severity.ATTENTION: "needs attention",
    Severity.SERIOUS: "serious",
}

# The review's decisions on a warning, by the key kept in the week's record.
WARNING_ACTION_LABELS: Mapping[str, str] = {
    "raise in next session": "raise in next session",
    "re-contract": "revisit the agreement",
    "note": "note",
    "check in session": "check in session",
}


def warning_action_label(action: str) -> str:
    """A decision in words ("revisit the agreement"); one typed or unknown stays as it is."""
    return WARNING_ACTION_LABELS.get(action, action)


def warning_label(code: str) -> str:
    """The warning's name; a code with none yet is shown in words, never hidden."""
    return WARNING_LABELS.get(code) or code.replace("_", " ").capitalize()


def after_hours_reason(found: AfterHours) -> str:
    """ "outside working hours", "weekend", "public holiday: Christmas Day" …"""
    if found.reason is AfterHoursReason.HOLIDAY and found.holiday:
        return f"{found.reason.value}: {found.holiday}"
    return found.reason.value


def shown_after_hours_reason(found: AfterHours) -> str:
    """As `after_hours_reason`, in the app's language: "fin de semaine", "חג: …"."""
    if found.reason is AfterHoursReason.HOLIDAY and found.holiday:
        return _("public holiday: {holiday}").format(holiday=found.holiday)
    return _(_AFTER_HOURS_REASONS[found.reason])


_AFTER_HOURS_REASONS: Mapping[AfterHoursReason, str] = {
    AfterHoursReason.VACATION: N_("vacation day"),
    AfterHoursReason.HOLIDAY: N_("public holiday"),
    AfterHoursReason.WEEKEND: N_("weekend"),
    AfterHoursReason.DAY_OFF: N_("day off"),
    AfterHoursReason.OUTSIDE_HOURS: N_("outside working hours"),
}


def event_title(event: ContactEvent) -> str:
    """A few words for lists and records: "Text message from the client",
    "Friend request (Instagram), pending"."""
    if event.kind is EventKind.FRIEND_REQUEST and event.request:
        return f"Friend request ({event.request.platform}), {event.request.action.value}"
    if event.kind is EventKind.SEARCH:
        return "Online search for the client"
    if event.kind is EventKind.CLIENT_APPROACH:
        return "Client searched for or approached you"
    label = CONTACT_CHANNEL_LABELS[event.channel] if event.channel else "contact"
    arrow = "from the client" if event.direction is Direction.IN else "to the client"
    return f"{label.capitalize()} {arrow}"


def shown(label: str) -> str:
    """One of the labels above in the app's language, for a screen."""
    return pgettext(LABEL_CONTEXT, label)


# An entry's title, whole, for each way a contact came: a language's word order and
# its prepositions are its own ("Texto du client", "הודעת טקסט מהמטופל/ת").
_CONTACT_TITLES: Mapping[tuple[ContactChannel | None, Direction], str] = {
    (ContactChannel.EMAIL, Direction.IN): N_("Email from the client"),
    (ContactChannel.EMAIL, Direction.OUT): N_("Email to the client"),
    (ContactChannel.TEXT, Direction.IN): N_("Text message from the client"),
    (ContactChannel.TEXT, Direction.OUT): N_("Text message to the client"),
    (ContactChannel.CALL, Direction.IN): N_("Phone call from the client"),
    (ContactChannel.CALL, Direction.OUT): N_("Phone call to the client"),
    (ContactChannel.VOICEMAIL, Direction.IN): N_("Voicemail from the client"),
    (ContactChannel.VOICEMAIL, Direction.OUT): N_("Voicemail to the client"),
    (ContactChannel.VIDEO, Direction.IN): N_("Video call from the client"),
    (ContactChannel.VIDEO, Direction.OUT): N_("Video call to the client"),
    (ContactChannel.PORTAL, Direction.IN): N_("Portal message from the client"),
    (ContactChannel.PORTAL, Direction.OUT): N_("Portal message to the client"),
    (ContactChannel.DM, Direction.IN): N_("Social-media message from the client"),
    (ContactChannel.DM, Direction.OUT): N_("Social-media message to the client"),
    (ContactChannel.IN_PERSON, Direction.IN): N_("In-person encounter from the client"),
    (ContactChannel.IN_PERSON, Direction.OUT): N_("In-person encounter to the client"),
    (None, Direction.IN): N_("Contact from the client"),
    (None, Direction.OUT): N_("Contact to the client"),
}


def shown_event_title(event: ContactEvent) -> str:
    """`event_title` in the app's language, for a screen."""
    if event.kind is EventKind.FRIEND_REQUEST and event.request:
        return _("Friend request ({platform}), {action}").format(
            platform=event.request.platform,
            action=pgettext("friend request", event.request.action.value),
        )
    if event.kind is EventKind.SEARCH:
        return _("Online search for the client")
    if event.kind is EventKind.CLIENT_APPROACH:
        return _("Client searched for or approached you")
    direction = Direction.IN if event.direction is Direction.IN else Direction.OUT
    return _(_CONTACT_TITLES[(event.channel, direction)])
