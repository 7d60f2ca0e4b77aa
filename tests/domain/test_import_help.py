"""The words on how to make each export: every source the importers read is covered."""

from __future__ import annotations

from boundary_desk.domain.vocabulary.import_help import (
    CALENDAR,
    CONTACTS,
    EMAIL,
    EXPORT_HELP,
    FACEBOOK_AND_INSTAGRAM,
    GOOGLE_VOICE,
    IMESSAGE,
    SMS_AND_CALLS,
    TELEGRAM,
    WHATSAPP,
)


def test_every_source_has_numbered_steps_under_its_name() -> None:
    assert [h.source for h in EXPORT_HELP] == [
        "Text messages and calls (Android)",
        "E-mail",
        "WhatsApp",
        "Contacts (vCard)",
        "Messages and calls (Mac and iPhone)",
        "Facebook and Instagram",
        "Google Voice",
        "Telegram",
        "Session calendar",
    ]
    for help_ in EXPORT_HELP:
        lines = help_.text().splitlines()
        assert lines[0] == help_.source
        assert lines[1:] == [f"{n}. {step}" for n, step in enumerate(help_.steps, 1)]


def test_each_source_names_the_apps_and_files_it_comes_from() -> None:
    assert "SMS Backup & Restore" in SMS_AND_CALLS.text()
    assert "calls-" in SMS_AND_CALLS.text() and "sms-" in SMS_AND_CALLS.text()
    for words in (".eml", ".mbox", ".msg", "Thunderbird", "ImportExportTools", "Takeout",
                  "Export Mailbox", "Outlook"):  # fmt: skip
        assert words in EMAIL.text(), words
    for words in ("Export chat", "Without media", ".txt", "iPhone", ".zip"):
        assert words in WHATSAPP.text(), words
    for words in ("Android", "icloud.com", "Google Contacts", "Outlook", ".vcf"):
        assert words in CONTACTS.text(), words
    for words in ("takeout.google.com", "Deselect all", "only Voice", "Voice folder", "Calls"):
        assert words in GOOGLE_VOICE.text(), words
    for words in ("Telegram Desktop", "Settings", "Advanced", "Export Telegram data",
                  "Machine-readable JSON", "result.json"):  # fmt: skip
        assert words in TELEGRAM.text(), words
    for words in ("Google Calendar", "Import & export", "Apple Calendar", "Save Calendar",
                  ".ics", "never a title"):  # fmt: skip
        assert words in CALENDAR.text(), words


def test_messages_on_a_mac_say_how_to_allow_reading_or_copy_the_files() -> None:
    text = IMESSAGE.text()
    for words in ("System Settings", "Privacy & Security", "Full Disk Access", "chat.db-wal",
                  "~/Library/Messages", "CallHistory.storedata", "Encrypt local backup",
                  "3d0d7e5fb2ce288813306e4d4636395e047a3d28", "sms.db"):  # fmt: skip
        assert words in text, words


def test_the_social_download_says_where_to_ask_for_it_and_in_which_format() -> None:
    for words in ("Accounts Centre", "Your information and permissions",
                  "Download your information", "JSON", ".zip", "message_1.json"):  # fmt: skip
        assert words in FACEBOOK_AND_INSTAGRAM.text(), words
