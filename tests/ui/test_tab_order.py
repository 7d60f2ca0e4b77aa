"""Every screen has a tested Tab order: the reading order a person expects.

Each test presses real Tab keys from a screen's first field and lists what takes focus,
by the name a screen reader says: top to bottom, left to right, the primary button last
before Cancel (or Close, Back, Revert), never a hidden or disabled control; Shift+Tab
goes the same way back (`assert_tab_order`). Screens that are still gaining controls
(Settings, the vault dialogs) keep their expected lists in parts, so a new control is a
one-line change.
"""

from __future__ import annotations

from collections import deque
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactEvent
from boundary_desk.domain.weeks import Week
from boundary_desk.services import Services
from boundary_desk.services.backups import take_backup
from boundary_desk.services.contacts import log_event
from boundary_desk.storage.vault.location import VaultLocation
from boundary_desk.ui.agreements.editor import AgreementEditor
from boundary_desk.ui.agreements.sign_dialog import SignDialog, SigningRequest, proposed_dates
from boundary_desk.ui.clients.editor import ClientEditor
from boundary_desk.ui.help.guide import GuideWindow
from boundary_desk.ui.imports.dialog import PREVIEW, ImportDialog
from boundary_desk.ui.quick_log.window import QuickLogDialog
from boundary_desk.ui.shell.workspace import Workspace
from boundary_desk.ui.timeline.event_editor import EventEditor
from boundary_desk.ui.vault.protection_dialog import PassphraseDialog
from boundary_desk.ui.vault.recovery_key_dialog import RecoveryKeyDialog
from boundary_desk.ui.vault.restore_dialog import RestoreDialog
from boundary_desk.ui.vault.setup_wizard import FirstRunSetup
from boundary_desk.ui.widgets.dialogs import ScriptedPrompter
from tests.ui.import_files import STRANGER_PHONE, STRANGER_TEXTS, ZOE_PHONE, ZOE_TEXTS, sms_backup
from tests.ui.keyboard import assert_tab_order
from tests.ui.test_keyboard_and_names import shown
from tests.ui.test_timeline_page import contact

FRIDAY_2240 = datetime(2026, 11, 28, 3, 40, tzinfo=UTC)
TODAY = date(2026, 11, 30)


@pytest.fixture
def practice(services: Services) -> Services:
    services.settings.set_many({"timezone": "America/Toronto", "region": "CA-ON"})
    return services


@pytest.fixture
def zoe(practice: Services) -> Client:
    return practice.clients.add(Client(code="", display_name="Zoë Martin"))


@pytest.fixture
def logged(practice: Services, zoe: Client) -> ContactEvent:
    return log_event(practice, contact(zoe, FRIDAY_2240, "Can we move Monday?"), FRIDAY_2240).event


@pytest.fixture
def workspace(qtbot: QtBot, practice: Services, logged: ContactEvent) -> Workspace:
    window = shown(qtbot, Workspace(practice, ScriptedPrompter()))
    assert isinstance(window, Workspace)
    return window


def shell(workspace: Workspace) -> list[str]:
    """What Tab meets around every page: the sections, then the banner when it shows."""
    banner = ["Review now"] if workspace.review_banner.isVisible() else []
    return ["Sections", *banner]


# -- first-run setup --------------------------------------------------------------------

RECOVERY_PAGE = [
    "Save Emergency Kit…",
    "Print Emergency Kit…",
    "Copy",
    "I have saved my Emergency Kit or written down this key",
]
PRACTICE_PAGE = [
    "Your name",
    "Practice name",
    "Region",
    "Time zone",
    "Working hours",
    "Weekly review",
    "Practice phone",
    "Practice email",
    "Practice address",
]


def test_setup_goes_through_each_step_with_continue_before_back(
    qtbot: QtBot, location: VaultLocation
) -> None:
    setup = shown(qtbot, FirstRunSetup(location, ScriptedPrompter()))
    assert isinstance(setup, FirstRunSetup)
    assert_tab_order(setup.next_button, ["Get started"])

    setup.go_next()
    keychain = setup.protection.keychain_option
    assert_tab_order(keychain, [keychain.text(), "Continue", "Back"])

    setup.protection.passphrase_option.setChecked(True)
    strict = setup.protection.passphrase_option
    assert_tab_order(strict, [strict.text(), "Master passphrase", "Confirm", "Continue", "Back"])

    keychain.setChecked(True)
    setup.go_next()
    assert setup.page is setup.recovery
    assert_tab_order(setup.recovery.save_button, RECOVERY_PAGE)  # Continue waits, Back is gone
    setup.recovery.confirm.setChecked(True)
    assert_tab_order(setup.recovery.save_button, [*RECOVERY_PAGE, "Create my vault"])

    setup.go_next()
    assert setup.page is setup.practice
    first = setup.practice.fields["clinician"]
    assert_tab_order(first, [*PRACTICE_PAGE, "Finish"])


# -- the main window's pages ------------------------------------------------------------


CLIENT_BUTTONS = ["Add client…", "Import…"]


def test_clients_page(qtbot: QtBot, workspace: Workspace, zoe: Client) -> None:
    page = workspace.clients_page
    assert_tab_order(
        page.search,
        ["Search clients", "Show archived", "Clients", *shell(workspace), *CLIENT_BUTTONS],
    )

    page.table.selectRow(0)
    selected = [
        "Edit…",
        "Agreement…",
        "Timeline…",
        "Communication record…",
        "Audit trail…",
        "Archive",
    ]
    assert_tab_order(
        page.search,
        [
            "Search clients",
            "Show archived",
            *selected,
            "Clients",
            *shell(workspace),
            *CLIENT_BUTTONS,
        ],
    )


def test_timeline_page_filters_then_list_then_details(
    qtbot: QtBot, workspace: Workspace, logged: ContactEvent
) -> None:
    workspace.show_page("Timeline")
    page = workspace.timeline_page
    filters = ["Client", "Kind of entry", "Period", "After hours only", "With warnings only"]
    assert_tab_order(page.filters.client, [*filters, "Timeline entries", *shell(workspace)])

    page.select(logged.id)
    details = [
        "Edit…",
        "Delete",
        "Entry details",
        "Acknowledge all warnings",
        "Acknowledge this warning",
        "Acknowledge this warning",
    ]
    chain = assert_tab_order(
        page.filters.client, [*filters, "Timeline entries", *details, *shell(workspace)]
    )
    assert page.view in chain


def test_review_page_header_weeks_figures_warnings_then_reflection(
    qtbot: QtBot, workspace: Workspace, practice: Services
) -> None:
    workspace.show_page("Weekly review")
    page = workspace.review_page
    settings = practice.settings.load()  # the logged week, whatever today is
    page.show_week(Week.of(FRIDAY_2240, settings.timezone, settings.week_start))
    header = [
        "Previous week",
        "Next week",
        "Export for supervision…",
        "Export my own copy (with names)…",
        "Recent weeks",
        "Weekly review",
    ]
    reflection = [box.accessibleName() for box in page.reflections.answers.values()]
    supervision = [
        "Notes",
        "Things to bring to supervision",
        "A new thing to bring to supervision",
        "Add",
    ]
    assert len(page.warnings.rows) == 2  # no signed agreement; contact after hours
    actions = ["Raise in next session", "Revisit the agreement", "Note…"] * 2
    chart = "Contacts and after-hours contacts over 12 weeks"
    assert_tab_order(
        page.previous_button,
        [
            *header,
            chart,
            *actions,
            *reflection,
            *supervision,
            "Save",
            "Mark week reviewed",
            *shell(workspace),
        ],
    )


def test_settings_page_reads_down_the_form_and_saves_before_revert(
    qtbot: QtBot, workspace: Workspace
) -> None:
    workspace.show_page("Settings")
    page = workspace.settings_page
    letterhead = [
        "Your name",
        "Credentials",
        "Practice name",
        "Practice address",
        "Practice phone",
        "Practice email",
        "Your other addresses",
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    hours = [
        name
        for day in days
        for name in (f"Work on {day}", f"{day} from", f"{day} to", f"Add hours to {day}")
    ]
    region = [
        "Work on Saturday",
        "Work on Sunday",
        "Region",
        "Week starts on",
        "First day away",
        "Last day away",
        "Add",
        "Vacation periods",
        "Weekly review day",
        "Weekly review time",
    ]
    security = [
        "Auto-lock",
        "Keep records",
        "Backup folder",
        "Browse…",
        "Replaced vaults kept",
    ]
    crisis = ["Crisis resources", "Add a line", "Start from the defaults"]
    form = [
        *letterhead,
        "Time zone",
        *hours,
        *region,
        *security,
        *crisis,
        "Channel profiles",
        "Long thread",
        "Language",
    ]
    first = page.fields["clinician"].input
    assert_tab_order(first, [*form, *shell(workspace), "Settings"])

    first.setText("Dr. Alex Rivera")  # a change: Save and Revert come into play
    assert_tab_order(first, [*form, "Save", "Revert", *shell(workspace), "Settings"])


def test_agreement_wording_page(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.show_page("Agreement wording")
    page = workspace.clauses_page
    inserts = [chip.accessibleName() for chip in page.placeholder_buttons.values()]
    assert inserts[0] == "Insert the client's name"
    wording = ["Clauses", "Clause wording", *inserts, "Wording preview"]
    # The wording's language, at the top of the page, comes just before the clause list.
    language = "Language of the wording"
    assert_tab_order(page.clause_list, [*wording, *shell(workspace), language])

    page.editor.setPlainText("We keep in touch by email only.")
    assert_tab_order(page.clause_list, [*wording, "Save", "Revert", *shell(workspace), language])


def test_backups_page(qtbot: QtBot, workspace: Workspace, practice: Services) -> None:
    workspace.show_page("Backups")
    page = workspace.backups_page
    assert_tab_order(
        page.change_folder_button,
        ["Change folder…", "Backups", "Export (unencrypted)…", "Back up now", *shell(workspace)],
    )
    take_backup(practice)
    page.refresh()
    page.table.select(0)
    assert_tab_order(
        page.change_folder_button,
        [
            "Change folder…",
            "Backups",
            "Export (unencrypted)…",
            "Restore this backup…",
            "Back up now",
            *shell(workspace),
        ],
    )


# -- dialogs ----------------------------------------------------------------------------


def test_quick_log_saves_before_it_closes(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    dialog = QuickLogDialog(practice, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    shown(qtbot, dialog, 620, 700)
    assert_tab_order(
        dialog.client_field.edit,
        [
            "Client",
            "Contact (Alt+1)",
            "Channel",
            "Who reached out",
            "When it happened",
            "Category",
            "Complex or emotional",
            "Summary",
            "I replied",
            "Raise in the next session",
            "Save",
            "Close",
        ],
    )


@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)", "This plugin does not support grabbing"
)
def test_quick_log_reaches_how_to_reply_after_i_replied(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    """With a client chosen, the "How to reply" panel's Why comes where it is read."""
    from dataclasses import replace

    from boundary_desk.domain.agreement_rules import first_draft
    from boundary_desk.domain.agreements import Channel, ChannelTerms, Purpose
    from boundary_desk.ui.quick_log.forms import ContactForm

    text = ChannelTerms(Channel.TEXT, allowed=True, purposes=frozenset({Purpose.SCHEDULING}))
    draft = first_draft(zoe, practice.settings.load()).with_terms(text)
    practice.agreements.sign(
        replace(draft, client_signed_on=date(2025, 11, 1), review_on=date(2027, 11, 1)),
        date(2026, 11, 2),
    )
    dialog = QuickLogDialog(practice, ScriptedPrompter(), now=lambda: FRIDAY_2240)
    shown(qtbot, dialog, 620, 700)
    qtbot.keyClicks(dialog.client_field.edit, "zo")
    qtbot.keyClick(dialog.client_field.edit, Qt.Key.Key_Return)
    form = dialog.current_form
    assert isinstance(form, ContactForm) and form.reply_panel.isVisible()
    assert_tab_order(
        dialog.client_field.edit,
        [
            "Client",
            "Contact (Alt+1)",
            "Channel",
            "Who reached out",
            "When it happened",
            "Category",
            "Complex or emotional",
            "Summary",
            "I replied",
            "Why each channel is ranked so",
            "Raise in the next session",
            "Save",
            "Close",
        ],
    )


def test_entry_editor_saves_before_cancel(
    qtbot: QtBot, practice: Services, logged: ContactEvent
) -> None:
    editor = shown(qtbot, EventEditor(practice, logged, lambda: FRIDAY_2240), 700, 700)
    assert isinstance(editor, EventEditor)
    assert_tab_order(
        editor.when,
        [
            "When it happened",
            "Channel",
            "Who reached out",
            "Category",
            "Complex or emotional",
            "Duration in minutes",
            "Summary for the record",
            "I replied",
            "Raise it in the next session",
            "Save changes",
            "Cancel",
        ],
    )


def test_agreement_editor_form_then_preview_then_sign_before_close(
    qtbot: QtBot, practice: Services, zoe: Client
) -> None:
    editor = AgreementEditor(practice, ScriptedPrompter(), zoe, today=TODAY)
    qtbot.addWidget(editor, before_close_func=lambda widget: widget.done(0))  # no "save?"
    editor.resize(1280, 720)
    editor.show()
    qtbot.waitExposed(editor)
    rows = list(editor.form.rows.values())
    channels = [row.allowed.accessibleName() for row in rows]
    assert channels[0] == "Email: allowed"
    details = [
        "Print, under each allowed channel, why it is used for what",  # under the channels
        "Client's phone number",
        "Client's email address",
        "The client shares this phone or computer with others",
        "You may leave a voicemail",
        "Messages may show on the client's lock screen",
        "Client's time zone",
        "Emergency number",
        "Nearest emergency room",
        "Emergency contact",
        "Between-session contact is billed",
        "Language of the agreement",
        "Add the date the client signed",
        "Add the date you signed",
        "Add the review date",
    ]
    preview = ["Whole pages", "Preview of the printed agreement"]
    buttons = ["Save PDF…", "Print…", "Save draft", "Sign…", "Close"]
    assert_tab_order(rows[0].allowed, [*channels, *details, *preview, *buttons])

    rows[0].allowed.setChecked(True)  # its purposes and reply time come into play
    email = [
        "Email: allowed",
        "Email: for scheduling and admin",
        "Email: for a brief clinical check-in",
        "Email: for homework and between-session exercises",
        "Email: you reply",
    ]
    assert_tab_order(rows[0].allowed, [*email, *channels[1:], *details, *preview, *buttons])


def test_sign_dialog_dates_then_sign_before_cancel(qtbot: QtBot) -> None:
    request = SigningRequest(
        1, "Sign version 1?", proposed_dates(None, None, None, TODAY), lambda _dates: None
    )
    dialog = shown(qtbot, SignDialog(request), 480, 300)
    assert isinstance(dialog, SignDialog)
    assert_tab_order(
        dialog.client_signed,
        ["Date the client signed", "Date you signed", "Review date", "Sign version 1", "Cancel"],
    )


def test_client_editor(qtbot: QtBot, practice: Services, zoe: Client) -> None:
    editor = shown(qtbot, ClientEditor(practice, ScriptedPrompter(), zoe), 800, 700)
    assert isinstance(editor, ClientEditor)
    assert_tab_order(
        editor.name,
        [
            "Name",
            "Client code",
            "Add the start date",
            "Active",
            "Client is a minor",
            "Preferred channel",
            "Add contact detail",
            "Save",
            "Cancel",
        ],
    )


def test_user_guide_goes_through_its_links_to_close(qtbot: QtBot) -> None:
    guide = shown(qtbot, GuideWindow(), 760, 640)
    assert isinstance(guide, GuideWindow)
    assert_tab_order(guide.browser, ["User guide", "Close"])


# -- the vault's dialogs (still gaining controls: keep these lists in parts) ---------------

PASSPHRASE_FIELDS = ["New passphrase", "Confirm the new passphrase"]


def test_passphrase_dialog(qtbot: QtBot, practice: Services) -> None:
    dialog = shown(qtbot, PassphraseDialog(practice, ScriptedPrompter()), 560, 400)
    assert isinstance(dialog, PassphraseDialog)
    assert_tab_order(dialog.fields.first, [*PASSPHRASE_FIELDS, "Use passphrase", "Cancel"])


def test_restore_dialog(qtbot: QtBot, location: VaultLocation, practice: Services) -> None:
    dialog = shown(qtbot, RestoreDialog(location, ScriptedPrompter()), 620, 420)
    assert isinstance(dialog, RestoreDialog)
    assert_tab_order(dialog.other_folder_button, ["Look in another folder…", "Backups", "Cancel"])

    take_backup(practice)
    dialog.refresh()
    assert_tab_order(
        dialog.other_folder_button, ["Look in another folder…", "Backups", "Restore…", "Cancel"]
    )


def test_recovery_key_dialog(qtbot: QtBot, practice: Services, tmp_path: Path) -> None:
    prompter = ScriptedPrompter(save_paths=deque([tmp_path / "kit.pdf"]))
    dialog = RecoveryKeyDialog(practice, prompter, rekey=False, action=lambda _dialog: None)
    shown(qtbot, dialog, 640, 520)
    panel = dialog.panel
    kit = [
        "Save Emergency Kit…",
        "Print Emergency Kit…",
        "Copy",
        "I have saved my Emergency Kit or written down this key",
    ]
    assert_tab_order(panel.save_button, [*kit, "Cancel"])
    panel.confirm.setChecked(True)
    assert_tab_order(panel.save_button, [*kit, "Use this key", "Cancel"])
    QApplication.processEvents()


# -- the import ----------------------------------------------------------------------------


def test_import_choose_then_help_then_cancel_and_the_preview_before_import(
    qtbot: QtBot, practice: Services, tmp_path: Path
) -> None:
    phone = ContactHandle(HandleKind.PHONE, ZOE_PHONE)
    practice.clients.add(Client(code="", display_name="Zoë Martin", handles=(phone,)))
    dialog = shown(qtbot, ImportDialog(practice, ScriptedPrompter()), 980, 700)
    assert isinstance(dialog, ImportDialog)
    assert_tab_order(
        dialog.choose.choose_button,
        ["Choose a file…", "Choose a folder…", "How to make the export", "Cancel"],
    )

    dialog.open_file(sms_backup(tmp_path / "sms.xml", [*ZOE_TEXTS, *STRANGER_TEXTS]))
    qtbot.waitUntil(lambda: dialog.step() == PREVIEW, timeout=10_000)
    step = dialog.preview_step
    assert step is not None
    assert_tab_order(
        step.table,
        [
            "What will be added",
            f"Add {STRANGER_PHONE} to a client",
            "Keep each message's full text",
            "Import",
            "Cancel",
            "Back",
        ],
    )
