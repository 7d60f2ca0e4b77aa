"""The agreement as a document: headings, clauses and boxes, in reading order.

Both the PDF and the on-screen preview are drawn from this one structure, so what
the clinician previews is what the client signs. Text here is plain: renderers
escape it for their own markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from boundary_desk.domain.agreement_words import AgreementWords, agreement_words
from boundary_desk.domain.agreements import (
    UNENCRYPTED,
    Agreement,
    AgreementStatus,
    Channel,
    ChannelTerms,
    CrisisPlan,
    Purpose,
)
from boundary_desk.domain.channel_profiles import unencrypted_channels
from boundary_desk.domain.channel_reasons import channel_reasons
from boundary_desk.domain.clauses import ClauseSet
from boundary_desk.domain.clients import Client
from boundary_desk.domain.crisis import CrisisResource, emergency_number, in_language
from boundary_desk.domain.practice_settings import (
    LETTERHEAD_KEYS,
    SETTINGS_BY_KEY,
    PracticeSettings,
)
from boundary_desk.domain.vocabulary.calendar_names import long_date
from boundary_desk.system.i18n import N_

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
    language: str = "en"
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
        return f"Reprinted {long_date(today, 'en')}. {todays}; {signed} may show earlier ones."

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
    # Versions signed before the app kept their wording predate its other languages.
    return f"the copy signed on {long_date(signed, 'en')}" if signed else "the signed copy"


def build_document(
    agreement: Agreement,
    client: Client,
    practice: PracticeSettings,
    clauses: ClauseSet,
    today: date,
) -> AgreementDocument:
    """Lay out one client's agreement from its fields, the practice and the clause text,
    in the agreement's language (the channel reasons' wording too)."""
    w = agreement_words(agreement.language)
    agreement = _with_practice_crisis(agreement, practice)
    region = practice.region
    local = in_language(agreement.crisis.resources, region.country, region.subdivision, w.language)
    agreement = replace(agreement, crisis=replace(agreement.crisis, resources=local))
    values = _placeholder_values(agreement, client, practice, w)
    reasons = (
        channel_reasons(agreement, practice.channel_profiles, w)
        if agreement.channel_reasons
        else {}
    )
    sections = [_channels_section(agreement, practice, clauses, values, reasons, w)]
    sections.append(_availability_section(agreement, practice, clauses, values, w))
    closing = [
        _risks_section(agreement, practice, clauses, values, w),
        Section(
            w("Records and billing"),
            (
                clauses.render("records", values),
                clauses.render(
                    "billing.yes" if agreement.bills_between_session else "billing.no", values
                ),
            ),
        ),
        Section(w("Social media"), (clauses.render("social_media", values),)),
        Section(w("Online searches"), (clauses.render("online_search", values),)),
    ]
    if client.is_minor:
        closing.append(Section(w("Parent or guardian"), (clauses.render("minor", values),)))
    intro = Section(w("About this agreement"), (clauses.render("intro", values),))
    return AgreementDocument(
        letterhead=letterhead_lines(practice),
        title=w("Communication agreement"),
        client_name=client.display_name,
        version_line=_version_line(agreement, today, w),
        sections=(intro, *sections),
        crisis=_crisis_box(agreement, clauses, values, w),
        closing_sections=tuple(closing),
        signature_intro=clauses.render("signatures", values),
        signatures=_signatures(agreement, client, practice, w),
        footer=w("Communication agreement · version {version} · printed {date}").format(
            version=agreement.version, date=w.date(today)
        ),
        country=practice.region.country,
        language=agreement.language,
    )


def crisis_plan(agreement: Agreement | None, practice: PracticeSettings) -> CrisisPlan:
    """The client's crisis plan; where the agreement has no numbers, the practice's, never none."""
    crisis = agreement.crisis if agreement is not None else CrisisPlan()
    resources: tuple[CrisisResource, ...] = crisis.resources or practice.crisis
    number = crisis.emergency_number or emergency_number(practice.region.country)
    return replace(crisis, resources=resources, emergency_number=number)


def numbers_to_call(
    plan: CrisisPlan, words: AgreementWords | None = None
) -> tuple[tuple[str, str], ...]:
    """(label, number) pairs: the emergency number first, unless the plan lists it already."""
    listed = tuple((r.label, r.number) for r in plan.resources)
    if not plan.emergency_number or any(n == plan.emergency_number for _, n in listed):
        return listed
    label = words(EMERGENCY) if words is not None else EMERGENCY
    return ((label, plan.emergency_number), *listed)


EMERGENCY = N_("Emergency")


def _with_practice_crisis(agreement: Agreement, practice: PracticeSettings) -> Agreement:
    plan = crisis_plan(agreement, practice)
    return agreement if plan == agreement.crisis else replace(agreement, crisis=plan)


def zone_name(key: str) -> str:
    """ "America/Toronto" → "Toronto", "UTC" stays; readable in a sentence."""
    return key.rsplit("/", 1)[-1].replace("_", " ")


def _availability_section(
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
    w: AgreementWords,
) -> Section:
    paragraphs = [clauses.render("availability", values)]
    client_zone = agreement.client_timezone
    if client_zone and client_zone != practice.timezone.key:
        paragraphs.append(
            w("You are in {client_zone} time; the hours above are {zone} time.").format(
                client_zone=zone_name(client_zone), zone=zone_name(practice.timezone.key)
            )
        )
    return Section(w("Availability"), tuple(paragraphs))


def _placeholder_values(
    agreement: Agreement, client: Client, practice: PracticeSettings, w: AgreementWords
) -> dict[str, str]:
    # By the clinician's channel profiles (as signed, for a reprint): an encrypted email
    # service is not listed among the risks the client chose.
    risky = unencrypted_channels(practice.channel_profiles)
    unencrypted = [
        w.channel_phrase(t.channel) for t in agreement.allowed_channels if t.channel in risky
    ]
    review = w.date(agreement.review_on) if agreement.review_on else w("our next review")
    guardian = (
        w("{name} is the parent or guardian.").format(name=client.guardian_name)
        if client.guardian_name
        else ""
    )
    return {
        "client_name": client.display_name,
        "clinician": practice.clinician or w("your clinician"),
        "practice": practice.practice or practice.clinician or w("this practice"),
        "hours": w.hours(practice.hours),
        "timezone": zone_name(practice.timezone.key),
        "emergency_number": agreement.crisis.emergency_number or w("your local emergency number"),
        "review_date": review,
        "unencrypted_channels": w.join(unencrypted),
        "guardian_role": agreement.guardian_role or guardian,
    }


def letterhead_lines(practice: PracticeSettings) -> tuple[str, ...]:
    """Practice, clinician with credentials, address lines, phone · email (empty ones left out)."""
    name = practice.clinician
    if name and practice.credentials:
        name = f"{name}, {practice.credentials}"
    contact = " · ".join(x for x in (practice.phone, practice.email) if x)
    lines = [practice.practice, name, *practice.address.splitlines(), contact]
    return tuple(line for line in lines if line.strip())


def _version_line(agreement: Agreement, today: date, w: AgreementWords) -> str:
    number = agreement.version
    if agreement.status is AgreementStatus.DRAFT:
        return w("Version {number} · for signature on {date}").format(
            number=number, date=w.date(today)
        )
    if agreement.status is AgreementStatus.SUPERSEDED:
        return w("Version {number} · superseded by a later version").format(number=number)
    parts = [w("Version {number}").format(number=number)]
    if agreement.client_signed_on:
        parts.append(w("signed {date}").format(date=w.date(agreement.client_signed_on)))
    if agreement.review_on:
        parts.append(w("review by {date}").format(date=w.date(agreement.review_on)))
    return " · ".join(parts)


def _channels_section(
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
    reasons: Mapping[Channel, str],
    w: AgreementWords,
) -> Section:
    allowed = agreement.allowed_channels
    refused = [w.channel_phrase(t.channel) for t in agreement.channels if not t.allowed]
    withdrawn = [
        w("{channel}: consent withdrawn on {date}.").format(
            channel=w.channel(t.channel), date=w.date(t.withdrawn_on)
        )
        for t in agreement.channels
        if t.allowed and t.withdrawn_on is not None
    ]
    heading = w("How we keep in touch")
    if not allowed:
        return Section(heading, (clauses.render("no_channels", values),), tuple(withdrawn))
    refused_line = (
        [clauses.render("refused_intro", values) + " " + w.join(refused) + "."] if refused else []
    )
    return Section(
        heading,
        paragraphs=(clauses.render("channels_intro", values),),
        channels=tuple(
            replace(
                _channel(t, agreement, practice, clauses, values, w),
                reason=reasons.get(t.channel, ""),
            )
            for t in allowed
        ),
        bullets=tuple(refused_line + withdrawn),
    )


def contact_notes(
    channel: Channel,
    agreement: Agreement,
    practice: PracticeSettings,
    w: AgreementWords | None = None,
) -> tuple[str, ...]:
    """Whose number or address is whose, for one channel: the clinician's, then the client's."""
    w = w or agreement_words("en")
    safety = agreement.safety
    if channel in _BY_PHONE:
        mine, yours = practice.phone, safety.phone
        my_label, your_label = w("My number: {value}"), w("Your number: {value}")
    elif channel is Channel.EMAIL:
        mine, yours = practice.email, safety.email
        my_label, your_label = w("My email address: {value}"), w("Your email address: {value}")
    else:
        return ()
    found = []
    if mine:
        found.append(my_label.format(value=mine))
    if yours:
        found.append(your_label.format(value=yours))
    return tuple(found)


def _channel(
    terms: ChannelTerms,
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
    w: AgreementWords,
) -> ChannelSection:
    purposes = w.join([w.purpose(p) for p in Purpose if p in terms.purposes])
    channel = terms.channel
    safety = agreement.safety
    notes = list(contact_notes(channel, agreement, practice, w))
    if channel is Channel.TEXT:
        notes.append(
            w("Message previews on your lock screen are fine.")
            if safety.lock_screen_previews_ok
            else w("Please turn off message previews on your lock screen.")
        )
    if channel is Channel.PHONE:
        notes.append(
            w("If you miss my call, I may leave a short voicemail with no clinical details.")
            if safety.voicemail_ok
            else w("If you miss my call, I will not leave a voicemail.")
        )
    if safety.shared_device and channel in UNENCRYPTED:
        notes.append(w("Others share this device, so I will keep messages brief."))
    reply = (
        w("I will return calls and messages {time}, within my working hours.")
        if channel in _SPOKEN
        else w("I will reply {time}, within my working hours.")
    )
    return ChannelSection(
        title=w.channel(channel),
        purposes=w("For {purposes}. Never for emergencies.").format(purposes=purposes)
        if purposes
        else w("Purposes still to be agreed. Never for emergencies."),
        response_time=reply.format(time=w(terms.response_time)),
        risk=clauses.render(f"risk.{channel.value}", values),
        notes=tuple(notes),
    )


def _crisis_box(
    agreement: Agreement, clauses: ClauseSet, values: dict[str, str], w: AgreementWords
) -> CrisisBox:
    crisis = agreement.crisis
    extra = []
    if crisis.nearest_er:
        extra.append((w("Nearest emergency room"), crisis.nearest_er))
    if crisis.emergency_contact:
        extra.append((w("Emergency contact"), crisis.emergency_contact))
    return CrisisBox(
        intro=clauses.render("crisis", values),
        resources=tuple((r.label, r.number) for r in crisis.resources),
        extra=tuple(extra),
        after=clauses.render("technology_failure", values),
    )


def _risks_section(
    agreement: Agreement,
    practice: PracticeSettings,
    clauses: ClauseSet,
    values: dict[str, str],
    w: AgreementWords,
) -> Section:
    # The client's signature under this clause is the record of their informed choice.
    risky = unencrypted_channels(practice.channel_profiles)
    chosen = any(t.channel in risky for t in agreement.allowed_channels)
    second = clauses.render("informed_choice" if chosen else "not_chosen", values)
    return Section(w("Privacy risks"), (clauses.render("risks", values), second))


def _signatures(
    agreement: Agreement, client: Client, practice: PracticeSettings, w: AgreementWords
) -> tuple[SignatureLine, ...]:
    lines = [SignatureLine(w("Client"), client.display_name, agreement.client_signed_on)]
    if client.is_minor:
        lines.append(SignatureLine(w("Parent or guardian"), client.guardian_name, None))
    lines.append(SignatureLine(w("Clinician"), practice.clinician, agreement.clinician_signed_on))
    return tuple(lines)
