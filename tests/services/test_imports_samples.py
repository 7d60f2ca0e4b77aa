"""The real exports in the shared samples folder, imported end to end (skipped without it).

Each file's messages are all accounted for (kept, only counted, or left out with a
reason), the counts for a client agree with a count made here straight from the file,
and importing the file a second time adds nothing.
"""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from boundary_desk.domain import phones
from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportChoices, ImportPreview, commit, preview, questions
from tests.importers.samples import params

SMS_TYPES = {"1", "2"}
CALL_TYPES = {str(n) for n in range(1, 8)}


def accounted(shown: ImportPreview) -> int:
    return (
        shown.new
        + shown.already
        + shown.others
        + shown.group_others
        + shown.repeated
        + (shown.unusable)
    )


def sbr_counts(path: Path) -> tuple[Counter[str], Counter[str]]:
    """Straight from the XML: sms and call records by number, and MMS mentioning each."""
    singles: Counter[str] = Counter()
    mms: Counter[str] = Counter()
    for element in ElementTree.parse(path).getroot():  # noqa: S314 - the test's own check
        number = element.get("address") or element.get("number") or ""
        key = phones.e164(number.strip(), "US")
        if not key:
            continue
        valid = {"sms": SMS_TYPES, "call": CALL_TYPES}.get(element.tag, set())
        if element.get("type") in valid:
            singles[key] += 1
        elif element.tag == "mms":
            mms[key] += 1
    return singles, mms


def with_client(services: Services, kind: HandleKind, value: str, name: str = "Sample") -> None:
    services.clients.add(
        Client(code="S1", display_name=name, handles=(ContactHandle(kind, value),))
    )


@pytest.mark.parametrize("path", params("sms") + params("calls"))
def test_each_sms_backup_sample_is_accounted_for_and_matches_a_count_from_the_file(
    services: Services, path: Path
) -> None:
    try:
        kind = recognise(path)
    except InvalidInput:
        return  # not an SB&R file: the recognise tests cover what it says
    if kind not in (SourceKind.SBR_MESSAGES, SourceKind.SBR_CALLS):
        return
    choices = ImportChoices(keep_whole_of_damaged=True)
    nobody = preview(services, path, choices)
    assert nobody.clients == () and nobody.new == 0
    assert accounted(nobody) == nobody.summary.contacts
    singles, mms = sbr_counts(path) if not nobody.damage else (Counter(), Counter())
    if not singles:
        return
    number, expected = singles.most_common(1)[0]
    with_client(services, HandleKind.PHONE, number)
    shown = preview(services, path, choices)
    assert accounted(shown) == shown.summary.contacts
    assert expected <= shown.new <= expected + mms[number]
    commit(services, shown)
    again = preview(services, path, choices)
    assert (again.new, again.already) == (0, shown.new)


@pytest.mark.parametrize("path", params("eml") + params("mbox") + params("msg"))
def test_each_e_mail_sample_imports_its_senders_messages_once(
    services: Services, path: Path
) -> None:
    try:
        nobody = preview(services, path, ImportChoices(keep_whole_of_damaged=True))
    except InvalidInput:
        return  # an Outlook item that is not mail, say: the reader's tests cover its sentence
    assert nobody.new == 0 and accounted(nobody) == nobody.summary.contacts
    if path.suffix == ".msg" or nobody.summary.contacts == 0:
        return
    raw = path.read_bytes()
    if path.suffix == ".mbox":
        raw = raw.split(b"\nFrom ", 1)[0].split(b"\n", 1)[1]
    parsed = email.message_from_string(raw.decode("utf-8", "replace"), policy=email.policy.default)
    sender = parsed.get("From")
    addresses = getattr(sender, "addresses", ()) if sender is not None else ()
    if not addresses or "@" not in addresses[0].addr_spec:
        return
    with_client(services, HandleKind.EMAIL, addresses[0].addr_spec.upper())
    shown = preview(services, path, ImportChoices(keep_whole_of_damaged=True))
    assert shown.new + shown.unusable >= 1 and accounted(shown) == shown.summary.contacts
    commit(services, shown)
    assert preview(services, path, ImportChoices(keep_whole_of_damaged=True)).new == 0


@pytest.mark.parametrize("path", params("whatsapp"))
def test_each_chat_sample_keeps_the_two_chosen_participants(services: Services, path: Path) -> None:
    asked = questions(services, path)
    if len(asked.participants) < 2:
        return
    me, client = asked.participants[:2]
    with_client(services, HandleKind.SOCIAL, "unused-handle", name=client)
    choices = ImportChoices(me=me, ties={client: "S1"}, zone="Europe/London")
    shown = preview(services, path, choices)
    assert accounted(shown) == shown.summary.contacts
    assert shown.new + shown.unusable + shown.repeated > 0
    assert (
        shown.group_others
        == shown.summary.contacts - shown.new - shown.repeated - (shown.unusable) - shown.others
    )
    commit(services, shown)
    assert preview(services, path, choices).new == 0


@pytest.mark.parametrize("path", params("vcard", "*.vcf"))
def test_each_card_sample_ties_a_card_by_name_and_adds_its_handles_once(
    services: Services, path: Path
) -> None:
    nobody = preview(services, path, ImportChoices())
    assert nobody.clients == () and nobody.others == nobody.summary.records
    asked_before = questions(services, path)
    assert dict(asked_before.suggested_ties) == {}
    first = next(iter(_card_names(path)), "")
    if not first:
        return
    services.clients.add(Client(code="S1", display_name=first))
    shown = preview(services, path, ImportChoices())
    assert [c.code for c in shown.clients] in (["S1"], [])
    commit(services, shown)
    assert preview(services, path, ImportChoices()).new == 0


def _card_names(path: Path) -> list[str]:
    from boundary_desk.importers.vcard import read_vcards

    return [c.display_name for c in read_vcards(path) if c.display_name]
