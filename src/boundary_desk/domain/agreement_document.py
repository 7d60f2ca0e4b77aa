"""The agreement as a document: headings, clauses and boxes, in reading order.

Both the PDF and the on-screen preview are drawn from this one structure, so what
the clinician previews is what the client signs. Text here is plain: renderers
escape it for their own markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from boundary_desk.domain.agreements import (
    UNENCRYPTED,
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    CrisisPlan,
    Purpose,
)
from boundary_desk.domain.channel_reasons import Text, channel_reasons, english
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.crisis import CrisisResource, emergency_number
from boundary_desk.domain.practice_settings import (
    LETTERHEAD_KEYS,
    SETTINGS_BY_KEY,
    PracticeSettings,
)
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS, PURPOSE_LABELS

# Lower-case phrases for use inside sentences ("you have chosen to use email and text
# messages"); the labels in CHANNEL_LABELS are for headings.
CHANNEL_PHRASES: dict[Channel, str] = {
    Channel.EMAIL: "email",
    Channel.TEXT: "text messages (SMS)",
    Channel.PHONE: "phone calls",
    Channel.VOICEMAIL: "voicemail",
    Channel.VIDEO: "video calls",
    Channel.PORTAL: "the secure client portal",
    Channel.DM: "social-media direct messages",
}
_SPOKEN = frozenset({Channel.PHONE, Channel.VOICEMAIL, Channel.VIDEO})
_BY_PHONE = frozenset({Channel.TEXT, Channel.PHONE, Channel.VOICEMAIL})

# The settings a signed agreement prints: kept with it at signing, so a reprint shows
# the letterhead, paper, hours and names exactly as the client signed them, and each
# channel's reason as it was given (from the clinician's channel profiles).
SIGNED_PRACTICE_KEYS = (*LETTERHEAD_KEYS, "region", "timezone", "hours", "channels")


def practice_to_keep(values: Mapping[str, str]) -> dict[str, str]:
    """The settings text a signature keeps, defaults filled in (from stored settings text)."""
    return {key: values.get(key, SETTINGS_BY_KEY[key].default) for key in SIGNED_PRACTICE_KEYS}


def practice_as_signed(values: Mapping[str, str], kept: Mapping[str, str]) -> PracticeSettings:
    """Today's settings with what was kept at signing laid over them."""
    known = {key: text for key, text in kept.items() if key in SIGNED_PRACTICE_KEYS}
    return PracticeSettings.from_values({**values, **known})


@dataclass(frozen=True)
class ChannelSection:
    title: str
    purposes: str
    response_time: str
    risk: str
    notes: tuple[str, ...] = ()
    reason: str = ""  # why it is used for what, when the agreement prints reasons


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    channels: tuple[ChannelSection, ...] = ()


@dataclass(frozen=True)
class CrisisBox:
    intro: str
    resources: tuple[tuple[str, str], ...]
    extra: tuple[tuple[str, str], ...]
    after: str


@dataclass(frozen=True)
class SignatureLine:
    role: str
    name: str
    signed_on: date | None


@dataclass(frozen=True)
class AgreementDocument:
    letterhead: tuple[str, ...]
    title: str
    client_name: str
    version_line: str
    sections: tuple[Section, ...]
    crisis: CrisisBox
    closing_sections: tuple[Section, ...]
    signature_intro: str
    signatures: tuple[SignatureLine, ...]
    footer: str
    country: str
    # On a reprint of a version whose details were not kept when it was signed.
    reprint_note: str = ""


@dataclass(frozen=True)
class KeptAtSigning:
    """Whether a signed version's practice details and wording were kept when it was signed.

    Versions signed before the app kept them (vault schema 8 and earlier for the practice
    details) reprint with today's; these notes say so instead of passing them off as signed.
    """

    practice: bool = True
    wording: bool = True

    def reprint_note(self, agreement: Agreement, today: date) -> str:
        """The line a reprint prints under its version line ("" when it prints as signed)."""
        todays = {
            (False, False): "The practice details above and the wording below are today's",
            (False, True): "The practice details above are today's",
            (True, False): "The wording below is today's",
        }.get((self.practice, self.wording))
        if agreement.status is AgreementStatus.DRAFT or todays is None:
            return ""
        signed = _signed_copy(agreement)
        return f"Reprinted {long_date(today)}. {todays}; {signed} may show earlier ones."

    def notice(self, agreement: Agreement) -> str:
        """The same for the screen or the terminal ("" when the version reprints as signed)."""
        missing = {
            (False, False): ("practice details and wording", "were"),
            (False, True): ("practice details", "were"),
            (True, False): ("wording", "was"),
        }.get((self.practice, self.wording))
        if agreement.status is AgreementStatus.DRAFT or missing is None:
            return ""
        what, were = missing
        return (
            f"Version {agreement.version} was signed before its {what} {were} kept with it, "
            f"so a reprint shows today's {what}, and says so; "
            f"{_signed_copy(agreement)} may show earlier ones."
        )


def _signed_copy(agreement: Agreement) -> str:
    signed = agreement.client_signed_on or agreement.clinician_signed_on
    return f"the copy signed on {long_date(signed)}" if signed else "the signed copy"


def build_document(
    agreement: Agreement,
    client: Client,
    practice: PracticeSettings,
    clauses: ClauseSet,
    today: date,
    text: Text = english,
) -> AgreementDocument:
    """Lay out one client's agreement from its fields, the practice and the clause text.

    `text` looks up the channel reasons' wording (the agreement's language, later).
    """
    agreement = _with_practice_crisis(agreement, practice)
    values = _placeholder_values(agreement, client, practice)
    reasons = (
        channel_reasons(agreement, practice.channel_profiles, text)
        if agreement.channel_reasons
        else {}
    )
    sections = [_channels_section(agreement, practice, clauses, values, reasons)]
    sections.append(_availability_section(agreement, practice, clauses, values))
    closing = [
        _risks_section(agreement, clauses, values),
        Section(
            "Records and billing",
            (
                clauses.render("records", values),
                clauses.render(
                    "billing.yes" if agreement.bills_between_session else "billing.no", values
                ),
            ),
        ),
        Section("Social media", (clauses.render("social_media", values),)),
        Section("Online searches", (clauses.render("online_search", values),)),
    ]
    if client.is_minor:
        closing.append(Section("Parent or guardian", (clauses.render("minor", values),)))
    return AgreementDocument(
        letterhead=letterhead_lines(practice),
        title="Communication agreement",
        client_name=client.display_name,
        version_line=_version_line(agreement, today),
        sections=(Section("About this agreement", (clauses.render("intro", values),)), *sections),
        crisis=_crisis_box(agreement, clauses, values),
        closing_sections=tuple(closing),
        signature_intro=clauses.render("signatures", values),
        signatures=_signatures(agreement, client, practice),
        footer=(
            f"Communication agreement · version {agreement.version} · printed {long_date(today)}"
        ),
        country=practice.region.country,
    )


def crisis_plan(agreement: Agreement | None, practice: PracticeSettings) -> CrisisPlan:
    """The client's crisis plan; where the agreement has no numbers, the practice's, never none."""
    crisis = agreement.crisis if agreement is not None else CrisisPlan()
    resources: tuple[CrisisResource, ...] = crisis.resources or practice.crisis
    number = crisis.emergency_number or emergency_number(practice.region.country)
    return replace(crisis, resources=resources, emergency_number=number)


def numbers_to_call(plan: CrisisPlan) -> tuple[tuple[str, str], ...]:
    """(label, number) pairs: the emergency number first, unless the plan lists it already."""
    listed = tuple((r.label, r.number) for r in plan.resources)
    if not plan.emergency_number or any(n == plan.emergency_number for _, n in listed):
        return listed
    return (("Emergency", plan.emergency_number), *listed)


def _with_practice_crisis(agreement: Agreement, practice: PracticeSettings) -> Agreement:
    plan = crisis_plan(agreement, practice)
    return agreement if plan == agreement.crisis else replace(agreement, crisis=plan)


def zone_name(key: str) -> str:
    """ "America/Toronto" → "Toronto", "UTC" stays; readable in a sentence."""
    return key.rsplit("/", 1)[-1].replace("_", " ")


def _availability_section(
    agreement: Agreement, practice: PracticeSettings, clauses: ClauseSet, values: dict[str, str]
) -> Section:
    paragraphs = [clauses.render("availability", values)]
    client_zone = agreement.client_timezone
    if client_zone and client_zone != practice.timezone.key:
        paragraphs.append(
            f"You are in {zone_name(client_zone)} time; the hours above are "
            f"{zone_name(practice.timezone.key)} time."
        )
    return Section("Availability", tuple(paragraphs))


def _placeholder_values(
    agreement: Agreement, client: Client, practice: PracticeSettings
) -> dict[str, str]:
    unencrypted = [
        CHANNEL_PHRASES[t.channel] for t in agreement.allowed_channels if t.channel in UNENCRYPTED
    ]
    return {
        "client_name": client.display_name,
        "clinician": practice.clinician or "your clinician",
        "practice": practice.practice or practice.clinician or "this practice",
        "hours": practice.hours.describe(),
        "timezone": zone_name(practice.timezone.key),
        "emergency_number": agreement.crisis.emergency_number or "your local emergency number",
        "review_date": long_date(agreement.review_on) if agreement.review_on else "our next review",
        "unencrypted_channels": _join(unencrypted),
        "guardian_role": agreement.guardian_role
        or (f"{client.guardian_name} is the parent or guardian." if client.guardian_name else ""),
    }


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def letterhead_lines(practice: PracticeSettings) -> tuple[str, ...]:
    """Practice, clinician with credentials, address lines, phone · email (empty ones left out)."""
    name = practice.clinician
    if name and practice.credentials:
        name = f"{name}, {practice.credentials}"
    contact = " · ".join(x for x in (practice.phone, practice.email) if x)
    lines = [practice.practice, name, *practice.address.splitlines(), contact]
    return tuple(line for line in lines if line.strip())


def _version_line(agreement: Agreement, today: date) -> str:
    if agreement.status is AgreementStatus.DRAFT:
        return f"Version {agreement.version} · for signature on {long_date(today)}"
    if agreement.status is AgreementStatus.SUPERSEDED:
        return f"Version {agreement.version} · superseded by a later version"
    signed = agreement.client_signed_on
    when = f" · signed {long_date(signed)}" if signed else ""
    review = f" · review by {long_date(agreement.review_on)}" if agreement.review_on else ""
    return f"Version {agreement.version}{when}{review}"


def _channels_section(
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
    reasons: Mapping[Channel, str],
) -> Section:
    allowed = agreement.allowed_channels
    refused = [CHANNEL_PHRASES[t.channel] for t in agreement.channels if not t.allowed]
    withdrawn = [
        f"{CHANNEL_LABELS[t.channel]}: consent withdrawn on {long_date(t.withdrawn_on)}."
        for t in agreement.channels
        if t.allowed and t.withdrawn_on is not None
    ]
    if not allowed:
        return Section(
            "How we keep in touch", (clauses.render("no_channels", values),), tuple(withdrawn)
        )
    refused_line = (
        [clauses.render("refused_intro", values) + " " + _join(refused) + "."] if refused else []
    )
    return Section(
        "How we keep in touch",
        paragraphs=(clauses.render("channels_intro", values),),
        channels=tuple(
            replace(
                _channel(t, agreement, practice, clauses, values), reason=reasons.get(t.channel, "")
            )
            for t in allowed
        ),
        bullets=tuple(refused_line + withdrawn),
    )


def contact_notes(
    channel: Channel, agreement: Agreement, practice: PracticeSettings
) -> tuple[str, ...]:
    """Whose number or address is whose, for one channel: the clinician's, then the client's."""
    safety = agreement.safety
    if channel in _BY_PHONE:
        mine, yours, what = practice.phone, safety.phone, "number"
    elif channel is Channel.EMAIL:
        mine, yours, what = practice.email, safety.email, "email address"
    else:
        return ()
    found = []
    if mine:
        found.append(f"My {what}: {mine}")
    if yours:
        found.append(f"Your {what}: {yours}")
    return tuple(found)


def _channel(
    terms: ChannelTerms,
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
) -> ChannelSection:
    purposes = _join([PURPOSE_LABELS[p] for p in Purpose if p in terms.purposes])
    channel = terms.channel
    safety = agreement.safety
    notes = list(contact_notes(channel, agreement, practice))
    if channel is Channel.TEXT:
        notes.append(
            "Message previews on your lock screen are fine."
            if safety.lock_screen_previews_ok
            else "Please turn off message previews on your lock screen."
        )
    if channel is Channel.PHONE:
        notes.append(
            "If you miss my call, I may leave a short voicemail with no clinical details."
            if safety.voicemail_ok
            else "If you miss my call, I will not leave a voicemail."
        )
    if safety.shared_device and channel in UNENCRYPTED:
        notes.append("Others share this device, so I will keep messages brief.")
    verb = "return calls and messages" if channel in _SPOKEN else "reply"
    return ChannelSection(
        title=CHANNEL_LABELS[channel],
        purposes=f"For {purposes}. Never for emergencies."
        if purposes
        else "Purposes still to be agreed. Never for emergencies.",
        response_time=f"I will {verb} {terms.response_time}, within my working hours.",
        risk=clauses.render(f"risk.{channel.value}", values),
        notes=tuple(notes),
    )


def _crisis_box(agreement: Agreement, clauses: ClauseSet, values: dict[str, str]) -> CrisisBox:
    crisis = agreement.crisis
    extra = []
    if crisis.nearest_er:
        extra.append(("Nearest emergency room", crisis.nearest_er))
    if crisis.emergency_contact:
        extra.append(("Emergency contact", crisis.emergency_contact))
    return CrisisBox(
        intro=clauses.render("crisis", values),
        resources=tuple((r.label, r.number) for r in crisis.resources),
        extra=tuple(extra),
        after=clauses.render("technology_failure", values),
    )


def _risks_section(agreement: Agreement, clauses: ClauseSet, values: dict[str, str]) -> Section:
    # The client's signature under this clause is the record of their informed choice.
    chosen = any(t.channel in UNENCRYPTED for t in agreement.allowed_channels)
    second = clauses.render("informed_choice" if chosen else "not_chosen", values)
    return Section("Privacy risks", (clauses.render("risks", values), second))


def _signatures(
    agreement: Agreement, client: Client, practice: PracticeSettings
) -> tuple[SignatureLine, ...]:
    lines = [SignatureLine("Client", client.display_name, agreement.client_signed_on)]
    if client.is_minor:
        lines.append(SignatureLine("Parent or guardian", client.guardian_name, None))
    lines.append(SignatureLine("Clinician", practice.clinician, agreement.clinician_signed_on))
    return tuple(lines)
