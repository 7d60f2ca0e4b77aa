"""A file that can't be imported is refused in the clinician's language, whole sentences
only: the kind of file, the kind expected, where the damage is and how much was read."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.vcard import read_vcards
from boundary_desk.services.import_sources import kind_of
from boundary_desk.system import i18n

_CUT_SHORT_CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card One\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card Two\r\n"
)

pytestmark = pytest.mark.usefixtures("english_after")


def _file(tmp_path: Path, text: str, name: str = "export.dat") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(WrongKind) as raised:
        recognise(path)
    return str(raised.value)


def _damage(path: Path) -> BrokenFile:
    with pytest.raises(BrokenFile) as raised:
        list(read_vcards(path))
    return raised.value


class _Bracketed(gettext.NullTranslations):
    """A pseudo-language: every message from the catalog comes back in « »."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


# Needs fr.po to hold the importers' messages.
def test_an_empty_file_is_refused_in_french(tmp_path: Path) -> None:
    i18n.set_language("fr")
    message = _refusal(_file(tmp_path, "  \n\n"))
    assert message.startswith("Ce fichier est vide. Boundary Desk importe les textos")
    assert "This file" not in message


# Needs fr.po to hold the importers' messages.
def test_a_plain_text_file_is_named_in_french(tmp_path: Path) -> None:
    i18n.set_language("fr")
    message = _refusal(_file(tmp_path, "Shopping list\nmilk\neggs\n"))
    assert message.startswith(
        "Ce fichier semble être un fichier texte d'un autre type, et non une exportation "
        "que Boundary Desk sait lire."
    )


# Needs fr.po to hold the importers' messages.
def test_the_kind_found_and_the_kind_expected_are_both_french(tmp_path: Path) -> None:
    i18n.set_language("fr")
    cards = _file(tmp_path, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n", "cards.vcf")
    with pytest.raises(WrongKind) as raised:
        kind_of(cards, SourceKind.SBR_MESSAGES)
    assert str(raised.value) == (
        "Ce fichier est un fichier de fiches de contact (vCard); on attendait une "
        "sauvegarde de textos SMS Backup & Restore."
    )


# Needs he.po to hold the importers' messages.
def test_a_damaged_xml_file_is_named_in_hebrew(tmp_path: Path) -> None:
    i18n.set_language("he")
    message = _refusal(_file(tmp_path, "<?xml version='1.0'?>\n<<<not xml"))
    assert message.startswith("הקובץ הזה נראה כמו קובץ XML פגום")
    assert "looks like" not in message


# Needs he.po to hold the importers' messages.
def test_damage_part_way_says_where_and_how_much_in_hebrew(tmp_path: Path) -> None:
    i18n.set_language("he")
    broken = _damage(_file(tmp_path, _CUT_SHORT_CARDS, "cards.vcf"))
    assert str(broken) == (
        "קובץ אנשי הקשר הזה פגום בשורה 5; הכרטיס היחיד שלפני המקום הזה נקרא בשלמותו."
    )
    assert broken.where == "שורה 5"
    assert broken.records_read == 1


def test_english_is_unchanged(tmp_path: Path) -> None:
    broken = _damage(_file(tmp_path, _CUT_SHORT_CARDS, "cards.vcf"))
    assert str(broken) == (
        "This contact file is damaged at line 5; the 1 card before that point was read whole."
    )
    assert broken.where == "line 5"


def test_every_part_of_a_refusal_comes_from_the_catalog(tmp_path: Path) -> None:
    """Frame, kind and list of formats are each translated: no English glued around."""
    i18n.use_translations(_Bracketed(), "xx")
    message = _refusal(_file(tmp_path, "Shopping list\nmilk\neggs\n"))
    assert message.startswith("«This file looks like «a text file of another kind»")
    assert message.endswith("«Boundary Desk imports" + message.split("«Boundary Desk imports")[1])
    assert message.endswith("».»") or message.endswith("»»")
    broken = _damage(_file(tmp_path, _CUT_SHORT_CARDS, "cards.vcf"))
    assert str(broken).startswith("«This contact file is damaged") and str(broken).endswith("»")
    assert broken.where == "«line {number}»".replace("{number}", "5")
    with pytest.raises(UnreadableImport) as raised:
        kind_of(tmp_path)
    assert str(raised.value) == "«That is a folder; choose the export file inside it.»"
