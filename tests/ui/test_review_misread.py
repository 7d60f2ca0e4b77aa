"""The review page's messages at risk of misunderstanding, each with "Check in session"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import Category, ContactChannel
from boundary_desk.domain.misunderstanding import RiskReason
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.review.misread import EMPTY
from boundary_desk.ui.review.page import ReviewPage
from tests.ui.test_review_page import NOW, W47, at, clients, page, prompter, text

__all__ = ["clients", "page", "prompter"]  # the fixtures, shared with the page's tests


def test_the_section_lists_each_message_at_risk_with_its_action(
    qtbot: QtBot, page: ReviewPage, services: Services, clients: dict[str, Client]
) -> None:
    jordan = clients["jordan"]
    clinical = text(jordan, at(W47, 2, 9, 15), category=Category.CLINICAL)
    log_event(services, clinical, NOW)
    page.refresh()

    rows = page.misread.rows
    assert [r.risk and r.risk.reason for r in rows] == [RiskReason.LONG_THREAD, RiskReason.LEAN]
    thread, lean = rows
    # Zoë's texts from Tuesday evening to Thursday, each within a day of the one before.
    assert thread.heading.text() == f"Tue 17 Nov, 19:00 · {clients['zoe'].code} · Zoë Martin" \
        " · Text message"  # fmt: skip
    assert thread.why.text().startswith("6 text messages over 50 hours: ")
    assert lean.heading.text() == f"Wed 18 Nov, 09:15 · {jordan.code} · Jordan Díaz · Text message"
    assert lean.why.text() == (
        "A text message is lean and carried clinical content: without tone or expression it "
        "is easily misread."
    )
    assert lean.check.text() == "Check in session" and lean.check.isVisible()
    assert not page.misread.empty.isVisible()

    qtbot.mouseClick(lean.check, Qt.MouseButton.LeftButton)
    assert lean.risk is not None
    assert services.reviews.get(W47).actions == {lean.risk.key: "check in session"}
    assert lean.check.isChecked() and lean.state.text() == "Decided: check in session"
    assert not thread.check.isChecked()

    page.show_week(Week(2026, 46))
    page.show_week(W47)  # read back from the vault
    again = page.misread.rows[1]
    assert again.check.isChecked() and again.state.text() == "Decided: check in session"

    qtbot.mouseClick(again.check, Qt.MouseButton.LeftButton)  # taken back
    assert services.reviews.get(W47).actions == {}
    assert again.state.text() == ""


def test_a_week_with_none_says_so(page: ReviewPage) -> None:
    page.show_week(Week(2026, 30))
    assert page.misread.rows == []
    assert page.misread.empty.isVisible() and page.misread.empty.text() == EMPTY


def test_a_refused_save_takes_the_decision_back(
    qtbot: QtBot, page: ReviewPage, services: Services
) -> None:
    page.reflections.notes.setPlainText("x" * 20_001)  # too long: every save is refused
    (thread,) = page.misread.rows
    qtbot.mouseClick(thread.check, Qt.MouseButton.LeftButton)
    assert page.save_error.isVisible()
    assert not thread.check.isChecked() and thread.state.text() == ""
    assert services.reviews.get(W47).actions == {}


def test_the_clinicians_channel_profiles_decide_what_is_listed(
    page: ReviewPage, services: Services, clients: dict[str, Client]
) -> None:
    email = text(clients["jordan"], at(W47, 2, 9), channel=ContactChannel.EMAIL,
                 category=Category.PERSONAL)  # fmt: skip
    log_event(services, email, NOW)
    page.refresh()
    assert [r.risk and r.risk.reason for r in page.misread.rows] == [RiskReason.LONG_THREAD]
    services.settings.set("channels", "email: lean")
    services.settings.set("long_thread", "10 messages within 24 hours")
    page.refresh()
    assert [r.risk and (r.risk.reason, r.risk.channel) for r in page.misread.rows] == [
        (RiskReason.LEAN, ContactChannel.EMAIL)
    ]
