"""The confirmation before a change of judging settings, in French and Hebrew."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boundary_desk.domain.phones import NumbersReread
from boundary_desk.domain.settings_change import FitsRejudged, Rejudged
from boundary_desk.system import i18n

NUMBERS = NumbersReread(country="GB", numbers={1: "+442079460958", 2: ""}, unreadable=("TF4",))


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _impact(**counts: int) -> Rejudged:
    return Rejudged(
        keys=("timezone", "hours"),
        checked=counts.get("checked", 12),
        become_after_hours=counts.get("become", 5),
        no_longer_after_hours=counts.get("no_longer", 1),
        replies_changed=counts.get("replies", 1),
        numbers=NUMBERS,
    )


def test_english_reads_as_it_did() -> None:
    assert _impact().sentence() == (
        "6 entries will be re-judged against the new time zone and hours: 5 become after "
        "hours and 1 is no longer after hours. 1 reply of yours changes too. 2 phone numbers "
        "typed without a country code will be read as +44 (United Kingdom) numbers. 1 of them "
        "can't be read there; it is kept as typed but won't be matched as a number: TF4."
    )


def test_french_names_the_settings_the_counts_and_the_country_in_french() -> None:
    i18n.set_language("fr")
    impact = _impact()
    assert impact.question() == (
        "Juger de nouveau les entrées consignées et relire les numéros de téléphone?"
    )
    assert impact.sentence() == (
        "6 entrées seront jugées de nouveau selon les nouveaux réglages (fuseau horaire et "
        "heures de travail) : 5 deviennent hors des heures et 1 n'est plus hors des heures. "
        "1 de vos réponses change aussi. 2 numéros de téléphone saisis sans indicatif de pays "
        "seront lus comme des numéros +44 (Royaume-Uni). 1 d'entre eux ne peut pas y être lu; "
        "il est gardé tel que saisi, mais ne sera pas reconnu comme un numéro : TF4."
    )


def test_hebrew_joins_the_settings_with_its_own_and() -> None:
    i18n.set_language("he")
    sentence = _impact(become=0, replies=0).sentence()
    assert sentence.startswith(
        "רשומה אחת תישפט מחדש לפי ההגדרות החדשות (אזור הזמן ושעות העבודה): 1 כבר אינה מחוץ לשעות."
    )
    assert "כמספרי +44 (בריטניה)" in sentence


@pytest.mark.parametrize(
    ("language", "unchanged", "kept"),
    [
        ("fr", "Aucune entrée n'est encore consignée", "Les 12 entrées gardent leur verdict"),
        ("he", "עדיין לא נרשמו רשומות", "כל 12 הרשומות שומרות על הקביעה"),
    ],
)
def test_a_change_that_moves_nothing_says_so(language: str, unchanged: str, kept: str) -> None:
    i18n.set_language(language)
    assert _impact(checked=0, become=0, no_longer=0, replies=0).sentence().startswith(unchanged)
    assert _impact(become=0, no_longer=0, replies=0).sentence().startswith(kept)


def test_the_lean_channel_warnings_gained_and_lost_in_french() -> None:
    i18n.set_language("fr")
    fits = FitsRejudged(gained={1: (), 2: ()}, lost={3: ()})
    assert fits.sentence() == (
        "Selon les nouveaux profils des moyens de communication, 2 entrées reçoivent "
        "l'avertissement de moyen pauvre en indices et 1 entrée le perd."
    )
    assert FitsRejudged({}, {}).sentence().startswith("Aucun avertissement")
