"""The questions a chat export leaves: who is you, who is which client, the zone, the dates."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportChoices, ImportQuestions, SourceKind
from boundary_desk.ui.imports.questions_step import (
    CHOOSE_ME,
    NOT_A_CLIENT,
    UNDECIDED_ORDER,
    QuestionsStep,
    needs_asking,
)

CHAT = ImportQuestions(
    kind=SourceKind.WHATSAPP_TEXT,
    participants=("Alex Rivera", "Zoë M", "Sam"),
    suggested_me="Alex Rivera",
    suggested_ties={"Zoë M": "C-001"},
    date_order="month-first",
    date_order_decided=False,
    needs_zone=True,
)


@pytest.fixture
def zoe(services: Services) -> Client:
    return services.clients.add(Client(code="", display_name="Zoë Martin"))


def asked(qtbot: QtBot, found: ImportQuestions, clients: list[Client]) -> QuestionsStep:
    step = QuestionsStep(found, clients, "America/Toronto", None)
    qtbot.addWidget(step)
    step.show()
    return step


def test_a_chat_suggests_who_is_who_and_asks_the_zone_and_the_dates(
    qtbot: QtBot, zoe: Client
) -> None:
    step = asked(qtbot, CHAT, [zoe])
    assert step.me.currentText() == "Alex Rivera"
    assert step.ties["Zoë M"].currentText() == f"Zoë Martin ({zoe.code})"
    assert step.ties["Sam"].currentText() == NOT_A_CLIENT
    assert not step.ties["Alex Rivera"].isVisible()  # you are not a client
    assert step.zone.value() == "America/Toronto"  # the practice's, to start with
    assert step.date_order.currentData() == "month-first"
    assert step.order_note.isVisible() and step.order_note.text() == UNDECIDED_ORDER
    choices = step.choices(ImportChoices(source=CHAT.kind, keep_text=True))
    assert (choices.me, dict(choices.ties)) == ("Alex Rivera", {"Zoë M": zoe.code})
    assert (choices.zone, choices.date_order, choices.keep_text) == (
        "America/Toronto",
        "month-first",
        True,
    )


def test_choosing_another_participant_as_you_moves_the_client_question(
    qtbot: QtBot, zoe: Client
) -> None:
    step = asked(qtbot, CHAT, [zoe])
    step.me.setCurrentText("Sam")
    assert step.ties["Alex Rivera"].isVisible() and not step.ties["Sam"].isVisible()
    step.zone.set_value("Asia/Jerusalem")
    step.date_order.setCurrentIndex(step.date_order.findData("day-first"))
    choices = step.choices(ImportChoices())
    assert choices.me == "Sam" and "Sam" not in choices.ties
    assert (choices.zone, choices.date_order) == ("Asia/Jerusalem", "day-first")


def test_a_decided_file_says_nothing_about_its_dates(qtbot: QtBot, zoe: Client) -> None:
    decided = ImportQuestions(SourceKind.WHATSAPP_ZIP, participants=("A", "B"), needs_zone=True)
    step = asked(qtbot, decided, [zoe])
    assert not step.order_note.isVisible()


def test_only_what_the_file_leaves_open_is_asked() -> None:
    assert not needs_asking(ImportQuestions(SourceKind.SBR_MESSAGES))
    assert not needs_asking(ImportQuestions(SourceKind.VCARD))  # no card has a name
    assert needs_asking(ImportQuestions(SourceKind.VCARD, participants=("Robin",)))  # any card
    assert needs_asking(ImportQuestions(SourceKind.WHATSAPP_TEXT, needs_zone=True))
    assert needs_asking(ImportQuestions(SourceKind.WHATSAPP_TEXT, date_order_decided=False))
    assert needs_asking(CHAT)


def test_with_no_guess_you_must_say_which_one_is_you(qtbot: QtBot, zoe: Client) -> None:
    unguessed = ImportQuestions(SourceKind.WHATSAPP_TEXT, participants=("A", "B"), needs_zone=True)
    step = asked(qtbot, unguessed, [zoe])
    heard: list[bool] = []
    step.answered.connect(lambda: heard.append(step.complete()))
    assert step.me.currentIndex() == -1 and step.me.placeholderText() == CHOOSE_ME
    assert not step.complete()
    step.me.setCurrentText("B")
    assert step.complete() and heard == [True]
    assert step.choices(ImportChoices()).me == "B"


def test_a_social_download_asks_who_is_who_but_no_zone_or_dates(qtbot: QtBot, zoe: Client) -> None:
    found = ImportQuestions(
        kind=SourceKind.META_ZIP,
        participants=("Dana Clinician", "Zoë Martin", "zoe.martin"),
        suggested_me="Dana Clinician",
        suggested_ties={"Zoë Martin": zoe.code},
    )
    assert needs_asking(found)
    step = asked(qtbot, found, [zoe])
    assert step.me.currentText() == "Dana Clinician" and step.complete()
    assert not step.zone.isVisible() and not step.date_order.isVisible()
    assert step.date_order not in step.controls()
    choices = step.choices(ImportChoices())
    assert (choices.me, choices.date_order, choices.zone) == ("Dana Clinician", "", "")
    assert choices.ties == {"Zoë Martin": zoe.code}
