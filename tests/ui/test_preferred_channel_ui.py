"""The client's preferred channel in the app: chosen in the client form, shown as a plain
line in the weekly review."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import ChannelComfort, Client
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.clients import save_client
from boundary_desk.services.contacts import log_event
from boundary_desk.ui.review.page import ReviewPage
from boundary_desk.ui.review.preferences import NONE_RECORDED
from tests.ui.test_client_editor import make_editor, save, type_text
from tests.ui.test_review_page import NOW, W47, at, clients, page, prompter, text

__all__ = ["clients", "page", "prompter"]  # the fixtures, shared with the page's tests


def test_the_form_keeps_the_preferred_channel_and_the_comfort(
    qtbot: QtBot, services: Services
) -> None:
    editor = make_editor(qtbot, services)
    type_text(qtbot, editor.name, "Zoë Martin")
    assert editor.preferred.currentText() == "No preference recorded"
    assert not editor.comfort.isEnabled()  # comfort is said of a channel
    editor.preferred.setCurrentIndex(editor.preferred.findText("Video call"))
    assert editor.comfort.isEnabled()
    editor.comfort.setCurrentIndex(editor.comfort.findText("Somewhat comfortable"))
    with qtbot.waitSignal(editor.accepted):
        save(qtbot, editor)
    kept = services.clients.find("Zoë Martin")
    assert (kept.preferred_channel, kept.channel_comfort) == (
        ContactChannel.VIDEO,
        ChannelComfort.SOMEWHAT,
    )

    again = make_editor(qtbot, services, kept)  # read back into the form
    assert again.preferred.currentText() == "Video call"
    assert again.comfort.currentText() == "Somewhat comfortable"
    again.preferred.setCurrentIndex(0)  # no preference: the comfort goes with it
    assert again.comfort.currentText() == "Not said" and not again.comfort.isEnabled()
    with qtbot.waitSignal(again.accepted):
        save(qtbot, again)
    cleared = services.clients.find("Zoë Martin")
    assert (cleared.preferred_channel, cleared.channel_comfort) == (None, None)


def test_the_fields_are_named_and_reached_by_keyboard(qtbot: QtBot, services: Services) -> None:
    editor = make_editor(qtbot, services)
    assert editor.preferred.accessibleName() == "Preferred channel"
    assert editor.comfort.accessibleName() == "How comfortable they are with it"
    editor.guardian.setEnabled(True)
    editor.guardian.setFocus()
    qtbot.keyClick(editor.guardian, Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.preferred
    qtbot.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert editor.focusWidget() is editor.preferred


def test_a_comfort_without_a_channel_is_refused_in_the_form(
    qtbot: QtBot, services: Services
) -> None:
    client = services.clients.add(Client(code="", display_name="Ana Lima"))
    editor = make_editor(qtbot, services, client)
    editor.comfort.setEnabled(True)  # as if the two were out of step
    editor.comfort.setCurrentIndex(1)
    save(qtbot, editor)
    assert "choose the channel first" in editor.error.text()
    assert services.clients.get(client.id or 0).channel_comfort is None


def test_the_review_has_a_plain_line_for_each_client_with_a_preference(
    qtbot: QtBot, page: ReviewPage, services: Services, clients: dict[str, Client]
) -> None:
    assert page.preferences.texts() == [NONE_RECORDED]
    zoe, jordan = clients["zoe"], clients["jordan"]
    save_client(services, replace(zoe, preferred_channel=ContactChannel.EMAIL))
    save_client(
        services,
        replace(
            jordan,
            preferred_channel=ContactChannel.EMAIL,
            channel_comfort=ChannelComfort.COMFORTABLE,
        ),
    )
    log_event(services, text(zoe, at(W47, 2, 10), channel=ContactChannel.EMAIL), NOW)
    page.refresh()
    followed = {p.client: p for p in (page.review.preferred_channels if page.review else ())}
    z = followed[zoe.code]
    assert page.preferences.texts() == [
        f"{zoe.code} · Zoë Martin prefers email: 1 of {z.with_channel} contacts this week was "
        "by email.",
        f"{jordan.code} · Jordan Díaz prefers email (comfortable): the one contact this week "
        "was by email.",
    ]
    qtbot.waitUntil(lambda: all(line.isVisible() for line in page.preferences.lines))
    page.show_week(Week(2026, 30))  # no contact that week: no client to speak of
    assert page.preferences.texts() == [NONE_RECORDED]
