"""A client's audit trail in French and Hebrew: what happened, in the clinician's words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.ui.clients.audit_view import AuditView
from boundary_desk.ui.shell.language import apply_language
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.language_support import LANGUAGE_TEST, the_app

pytestmark = LANGUAGE_TEST


@pytest.mark.parametrize(
    ("language", "added", "changed", "intact"),
    [
        (
            "fr",
            "Client ajouté",
            "Modification : les renseignements du client",
            "Journal d'audit intact",
        ),
        ("he", "המטופל/ת נוסף/ה", "שינוי: פרטי המטופל/ת", "יומן הביקורת שלם"),
    ],
)
def test_the_audit_trail_says_what_happened_in_the_apps_language(
    qtbot: QtBot, services: Services, language: str, added: str, changed: str, intact: str
) -> None:
    zoe = services.clients.add(Client(code="", display_name="Zoë Martin"))
    services.clients.update(replace(zoe, display_name="Zoë Martin-Roy"))
    apply_language(the_app(), language, remember=False)
    view = AuditView(services, ScriptedPrompter(), zoe.id)
    qtbot.addWidget(view)
    whats = [view.tree.topLevelItem(i).text(1) for i in range(view.tree.topLevelItemCount())]
    assert added in whats and changed in whats
    assert view.header.text().startswith(intact)
    assert view.tree.headerItem().text(0) != "When"
