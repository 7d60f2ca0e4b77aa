"""Contact cards from real exports and hand-written edge cases: names and every handle."""

from __future__ import annotations

import quopri
import re
from pathlib import Path

import pytest

from boundary_desk.importers.problems import BrokenFile, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import SocialHandle
from boundary_desk.importers.vcard import read_vcards
from tests.importers.samples import params

PROPERTY = r"^(?:item\d+\.)?{name}[;:][^\n]*"


def card_texts(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    return re.split(r"(?im)^BEGIN:VCARD\s*$", text)[1:]


def values(card: str, name: str) -> set[str]:
    """A property's plain (non-QP) values in one card, read by regex."""
    found = set()
    for line in re.findall(PROPERTY.format(name=name), card, flags=re.M | re.I):
        head, value = line.split(":", 1)
        if name == "TEL" and re.search(r"FAX|PAGER", head, flags=re.I):
            continue  # not a number a client texts or calls from
        if "QUOTED-PRINTABLE" not in head.upper():
            found.add(value.strip().removeprefix("tel:").removeprefix("mailto:"))
    return found


@pytest.mark.parametrize("path", params("vcard", "*.vcf"))
def test_every_card_in_each_sample_is_read_with_its_handles(path: Path) -> None:
    cards = card_texts(path)
    contacts = list(read_vcards(path))

    assert recognise(path) is SourceKind.VCARD
    assert len(contacts) == len(cards) == path.read_bytes().upper().count(b"BEGIN:VCARD")
    for contact, card in zip(contacts, cards, strict=True):
        assert set(contact.phones) == values(card, "TEL")
        assert values(card, "EMAIL") <= set(contact.emails)
        fn = values(card, "FN")
        if fn:
            assert contact.display_name == next(iter(fn)).replace("\\,", ",")


@pytest.mark.parametrize("path", params("vcard", "*John_Doe_ANDROID.vcf"))
def test_android_quoted_printable_names_follow_soft_line_breaks(path: Path) -> None:
    contacts = list(read_vcards(path))
    raw = re.search(
        rb"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:(=C3=91=20){7}[^\n]*=\r?\n([^\n]*)",
        path.read_bytes(),
    )
    assert raw is not None
    joined = raw.group(0).split(b":", 1)[1].replace(b"=\r\n", b"").replace(b"=\n", b"")
    assert quopri.decodestring(joined).decode("utf-8").strip() in {c.display_name for c in contacts}
    assert all("=" not in c.display_name for c in contacts)


@pytest.mark.parametrize("path", params("vcard", "*gmail-single2.vcf"))
def test_messenger_handles_are_kept_by_service(path: Path) -> None:
    (contact,) = read_vcards(path)
    assert SocialHandle("skype", "IM5") in contact.socials
    assert SocialHandle("jabber", "IM9") in contact.socials
    assert contact.nicknames == ("TheNickname",)


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_bytes(data)
    return path


def test_charsets_quoted_printable_and_eight_bit_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e Lef=\r\n=E8vre\r\n"
        b"TEL;WORK;VOICE:(905) 555-1234\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xe9e\r\nN;CHARSET=NOPE:Ren\xe9e;X\r\nEND:VCARD\r\n",
    )
    first, second = read_vcards(path)
    assert first.display_name == "Renée Lefèvre"
    assert first.phones == ("(905) 555-1234",)
    assert second.display_name == "Renée"  # Windows-1252 bytes with no charset named
    assert second.family_name == "Renée"


def test_version_four_uris_folds_and_escapes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffBEGIN:VCARD\nVERSION:4.0\nFN:Sam\n  Levi\nN:Levi\\;Cohen;Sam;;;\n"
        'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-0100\n'
        "EMAIL:mailto:Sam@Example.com\nIMPP;PREF=1:xmpp:sam@example.com\n"
        "X-SOCIALPROFILE;TYPE=twitter;X-USER=samlevi:https://twitter.com/samlevi\n"
        "item1.URL:https\\://example.com/sam\nEND:VCARD\n".encode(),
    )
    (card,) = read_vcards(path)
    assert card.display_name == "Sam Levi"
    assert card.family_name == "Levi;Cohen"
    assert card.phones == ("+1-555-555-0100",)
    assert card.emails == ("Sam@Example.com",)
    assert card.socials == (
        SocialHandle("xmpp", "sam@example.com"),
        SocialHandle("twitter", "samlevi"),
        SocialHandle("url", "https://example.com/sam"),
    )


def test_fax_and_pager_numbers_are_not_offered_as_phones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Dana\nTEL;TYPE=WORK,FAX:+1 416 555 0100\n"
        b"TEL;TYPE=PAGER:+1 416 555 0101\nTEL;TYPE=CELL:+1 416 555 0102\n"
        b'TEL;TYPE="voice,fax":+1 416 555 0103\nEND:VCARD\n'
        b"BEGIN:VCARD\nVERSION:2.1\nFN:Eli\nTEL;HOME;FAX:+1 416 555 0104\n"
        b"TEL;CELL:+1 416 555 0105\nEND:VCARD\n",
    )
    dana, eli = read_vcards(path)
    assert dana.phones == ("+1 416 555 0102",)
    assert eli.phones == ("+1 416 555 0105",)


def test_a_card_inside_a_card_does_not_lend_its_number(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nFN:Assistant\n"
        b"TEL:111\nEND:VCARD\nTEL:222\nEND:VCARD\n",
    )
    (card,) = read_vcards(path)
    assert (card.display_name, card.phones) == ("Boss", ("222",))


def test_a_card_cut_short_says_where_and_how_many_were_whole(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"BEGIN:VCARD\nFN:One\nEND:VCARD\nBEGIN:VCARD\nFN:Two\nEND:VCARD\n"
        b"BEGIN:VCARD\nFN:Secret Name\nTEL:+1555",
    )
    read = []
    with pytest.raises(BrokenFile) as raised:
        read.extend(read_vcards(path))
    assert [c.display_name for c in read] == ["One", "Two"]
    assert raised.value.records_read == 2
    assert raised.value.where == "line 7"
    assert "Secret" not in str(raised.value) and "+1555" not in str(raised.value)


def test_a_file_without_cards_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WrongKind, match="no contact cards"):
        list(read_vcards(write(tmp_path, b"FN:Nobody\nTEL:1\n")))


def test_a_utf16_card_file_is_read(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dvora Ben-Ami\r\nTEL:+972 50 555 0100\r\nEND:VCARD\r\n"
    path = write(tmp_path, text.encode("utf-16"))
    assert recognise(path) is SourceKind.VCARD
    (card,) = read_vcards(path)
    assert (card.display_name, card.phones) == ("Dvora Ben-Ami", ("+972 50 555 0100",))
