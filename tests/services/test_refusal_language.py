"""Refusals and the audit trail's check in the app's language, through the services.

A refusal is shown as its message (`banner.show_message(refusal.message)`), so it is
written in the language the app speaks when it is raised; the command line never sets
a language, and its English is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.errors import InvalidInput
from boundary_desk.services import Services, setup
from boundary_desk.services.purge import purge_client
from boundary_desk.services.settings import save_setting
from boundary_desk.storage.audit.trail import ChainCheck
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.system import i18n

PASSPHRASE = "correct horse battery staple harbour"
NEW_PASSPHRASE = "a new and longer harbour passphrase"
TODAY = date(2026, 3, 3)

pytestmark = pytest.mark.usefixtures("english_after")


@pytest.fixture
def passphrase_vault(location: VaultLocation) -> Iterator[Services]:
    opened = Services.open(location.create(passphrase=PASSPHRASE, strict=True).vault)
    yield opened
    opened.close()


def _wrong_current(services: Services, current: str | None) -> str:
    with pytest.raises(setup.WrongCurrentPassphrase) as refused:
        setup.change_passphrase(services, current, NEW_PASSPHRASE)
    return refused.value.message


def _broken_chain() -> str:
    """A chain broken at row 3, its reason written as the check writes it."""
    return ChainCheck(rows=5, first_broken=3, reason=i18n._("its contents were changed")).summary()


def test_a_wrong_current_passphrase_is_refused_in_french(passphrase_vault: Services) -> None:
    i18n.set_language("fr")
    assert _wrong_current(passphrase_vault, PASSPHRASE + "x").startswith(
        "Ce n'est pas votre phrase de passe actuelle, donc rien n'a été modifié"
    )
    assert _wrong_current(passphrase_vault, None) == (
        "Tapez d'abord votre phrase de passe actuelle. Rien n'a été modifié."
    )


def test_a_wrong_current_passphrase_is_refused_in_hebrew(passphrase_vault: Services) -> None:
    i18n.set_language("he")
    assert _wrong_current(passphrase_vault, PASSPHRASE + "x").startswith(
        "זו אינה הסיסמה הנוכחית, ולכן דבר לא השתנה"
    )
    assert _wrong_current(passphrase_vault, "") == "יש להקליד קודם את הסיסמה הנוכחית. דבר לא השתנה."


def test_a_wrong_current_passphrase_is_refused_in_english_as_before(
    passphrase_vault: Services,
) -> None:
    assert _wrong_current(passphrase_vault, PASSPHRASE + "x") == (
        "That is not your current passphrase, so nothing was changed: the vault still unlocks "
        "with the one you use today."
    )
    assert _wrong_current(passphrase_vault, None) == (
        "Type your current passphrase first. Nothing was changed."
    )


def test_a_keychain_vault_has_no_passphrase_to_change_in_french(services: Services) -> None:
    i18n.set_language("fr")
    with pytest.raises(InvalidInput, match="Utiliser une phrase de passe principale"):
        setup.change_passphrase(services, None, NEW_PASSPHRASE)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "The audit trail has been tampered with: it is broken at row 3: its contents were "
            "changed; everything before that row verified.",
        ),
        (
            "fr",
            "Le journal d'audit a été altéré : la chaîne est rompue à la ligne 3 : son contenu "
            "a été modifié; tout ce qui précède cette ligne a été vérifié.",
        ),
        (
            "he",
            "ביומן הביקורת בוצעו שינויים לא מורשים: השרשרת נקטעת בשורה 3: התוכן שלה שונה; "
            "כל מה שלפני השורה הזו אומת.",
        ),
    ],
)
def test_a_broken_audit_chain_is_summed_up_in_the_apps_language(
    language: str, expected: str
) -> None:
    i18n.set_language(language)
    assert _broken_chain() == expected


def test_a_real_audit_check_speaks_french(services: Services) -> None:
    i18n.set_language("fr")
    assert services.vault.verify_audit().summary().startswith("Le journal d'audit est intact : ")
    i18n.set_language("en")
    assert services.vault.verify_audit().summary().startswith("The audit trail is intact: ")


def test_a_setting_typed_wrong_is_refused_in_the_apps_language(services: Services) -> None:
    typed = "2026-12-24..2026-12-20"
    refusals = {}
    for language in ("en", "fr", "he"):
        i18n.set_language(language)
        with pytest.raises(InvalidInput) as refused:
            save_setting(services, "vacation", typed)
        refusals[language] = refused.value.message
    assert refusals["en"] == (
        f'"{typed}" ends before it starts. Vacation days look like '
        '"2026-12-24..2027-01-02; 2027-07-01": single dates or ranges (first..last), '
        "separated by semicolons."
    )
    assert refusals["fr"].startswith(f"« {typed} » se termine avant de commencer. ")
    assert "séparées par des points-virgules" in refusals["fr"]
    assert refusals["he"].startswith(f'התקופה "{typed}" מסתיימת לפני שהיא מתחילה. ')


def test_a_client_kept_for_retention_is_refused_in_french(services: Services) -> None:
    client = services.clients.add(
        Client(
            code="PG1",
            display_name="Pat Gone",
            status=ClientStatus.ENDED,
            started_on=date(2010, 1, 1),
            ended_on=date(2025, 6, 30),
        )
    )
    i18n.set_language("fr")
    with pytest.raises(InvalidInput) as refused:
        purge_client(services, client, TODAY)
    assert refused.value.message.startswith("Le dossier de PG1 doit être conservé jusqu'au ")
    assert refused.value.message.endswith("après la fin du suivi). Rien n'a été supprimé.")
