"""How to make each export Boundary Desk imports, in plain words, for every front door.

The import screen shows these beside its file chooser; the command line can print the
same words. Each source is named as the clinician knows it (the phone, the mail
program), not by its file format. The words are kept in English and marked; `shown()`
gives them in the app's language (menu names as the phone or program shows them there).
"""

from __future__ import annotations

from dataclasses import dataclass

from boundary_desk.system.i18n import N_, _


@dataclass(frozen=True)
class ExportHelp:
    """One source: what it is called, and the steps that make a file Boundary Desk reads.

    A product's own name ("WhatsApp", "Telegram") is not marked: it reads the same in
    every language.
    """

    source: str  # "Text messages and calls (Android)"
    short: str  # the same in a word or two, for a tab: "Texts and calls"
    steps: tuple[str, ...]
    note: str = ""

    def shown(self) -> ExportHelp:
        """The same help in the app's language."""
        return ExportHelp(
            _(self.source),
            _(self.short),
            tuple(_(step) for step in self.steps),
            _(self.note) if self.note else "",
        )

    def text(self) -> str:
        """The whole help as plain text, in the app's language: the source, its numbered
        steps, then the note."""
        help_ = self.shown()
        lines = [help_.source, *(f"{n}. {step}" for n, step in enumerate(help_.steps, 1))]
        return "\n".join([*lines, help_.note] if help_.note else lines)


KEPT_ONLY = N_(
    "Only the messages with your clients are kept. Everything else in the file (family, "
    "friends, other people in a group) is left out, and you see what will be added "
    "before anything is saved."
)

SMS_AND_CALLS = ExportHelp(
    N_("Text messages and calls (Android)"),
    N_("Texts and calls"),
    (
        N_("On the phone, install SMS Backup & Restore (by SyncTech) from Google Play."),
        N_("Open it, tap Set up a backup, and turn on Messages and Phone calls."),
        N_(
            "Choose where to keep the backup (on the phone, or Google Drive), then tap Back up now."
        ),
        N_(
            "Copy the two files it makes, sms-….xml and calls-….xml, to this computer (with "
            "a USB cable, or from Google Drive)."
        ),
        N_("Choose or drop each file here, one at a time."),
    ),
)
EMAIL = ExportHelp(
    N_("E-mail"),
    N_("E-mail"),
    (
        N_(
            "One message: drag it out of your mail program (Thunderbird, Apple Mail) onto "
            "this window or into a folder. It becomes an .eml file."
        ),
        N_("Outlook: drag the message out of Outlook onto the desktop. It becomes a .msg file."),
        N_(
            "A whole folder from Thunderbird: install the ImportExportTools NG add-on, "
            "right-click the folder, and choose ImportExportTools NG, then Export folder."
        ),
        N_(
            "Gmail: use Google Takeout (takeout.google.com), choose only Mail, and download "
            "the archive. The .mbox file is inside it."
        ),
        N_(
            "Apple Mail: select the mailbox, then Mailbox, Export Mailbox…. Choose the file "
            "called mbox inside the folder it makes."
        ),
    ),
)
WHATSAPP = ExportHelp(
    "WhatsApp",
    "WhatsApp",
    (
        N_("Open the chat with your client."),
        N_(
            "Android: tap ⋮, then More, then Export chat, then Without media. Send it to "
            "yourself (by e-mail, say) and save the .txt file on this computer."
        ),
        N_(
            "iPhone: tap the name at the top of the chat, then Export Chat, then Without "
            "Media. Save the .zip file on this computer; there is no need to unzip it."
        ),
        N_(
            "Choose or drop the file here. You will be asked which person is you and which "
            "is your client, and which time zone the phone was in."
        ),
    ),
)
CONTACTS = ExportHelp(
    N_("Contacts (vCard)"),
    N_("Contacts"),
    (
        N_(
            "Android: in the Contacts app, open Fix & manage (or Settings), then Export to "
            "file. It saves a .vcf file."
        ),
        N_(
            "iPhone: at icloud.com open Contacts, select your clients' cards, then choose "
            "Export vCard."
        ),
        N_(
            "Google Contacts: at contacts.google.com select the contacts, choose Export, "
            "then vCard."
        ),
        N_("Outlook: open the contact, then File, Save As, and choose vCard Files (.vcf)."),
        N_(
            "Choose or drop the .vcf file here, and confirm which client each card belongs "
            "to. Their phone numbers and e-mail addresses are added to the client, so "
            "messages can be matched to them."
        ),
    ),
)
IMESSAGE = ExportHelp(
    N_("Messages and calls (Mac and iPhone)"),
    "iMessage",
    (
        N_(
            "On a Mac, the messages are kept in the file chat.db, in the Messages folder "
            "of your Library. macOS lets an app read it only with Full Disk Access: open "
            "System Settings, then Privacy & Security, then Full Disk Access, turn on "
            "Boundary Desk (add it with + if it is not listed), and open Boundary Desk again."
        ),
        N_(
            "Or copy the file instead: quit Messages, then in Finder choose Go, then Go to "
            "Folder…, type ~/Library/Messages and copy both chat.db and chat.db-wal into "
            "one folder of your own. The newest messages are in chat.db-wal, so keep the "
            "two together."
        ),
        N_(
            "Calls and FaceTime are in CallHistory.storedata, in ~/Library/Application "
            "Support/CallHistoryDB; copy it the same way, with the files beside it whose "
            "names start the same."
        ),
        N_(
            "Only an iPhone: connect it to a Mac or PC, and in Finder (or iTunes) make a "
            "backup to this computer with Encrypt local backup turned off. In the backup's "
            "folder, open the folder 3d and choose the file "
            "3d0d7e5fb2ce288813306e4d4636395e047a3d28: that is the iPhone's messages (sms.db)."
        ),
        N_(
            "Choose or drop the file here. Boundary Desk only reads it; Messages is not "
            "changed. A client who writes from a phone number and from an e-mail address "
            "is matched by either, once both are on their record."
        ),
    ),
)
GOOGLE_VOICE = ExportHelp(
    "Google Voice",
    "Google Voice",
    (
        N_(
            "Go to takeout.google.com, signed in with the Google account your Google Voice "
            "number belongs to."
        ),
        N_("Click Deselect all, then tick only Voice, and click Next step."),
        N_(
            "Choose Export once and a .zip file, then Create export. Google e-mails you a "
            "link when it is ready; download the archive and unzip it."
        ),
        N_(
            "Choose the Voice folder inside it (or the Calls folder inside Voice). Every "
            "text, call and voicemail in it is read; copies Takeout made twice count once."
        ),
    ),
)
TELEGRAM = ExportHelp(
    "Telegram",
    "Telegram",
    (
        N_("Install Telegram Desktop on this computer (from desktop.telegram.org) and sign in."),
        N_("Open Settings, then Advanced, then Export Telegram data."),
        N_(
            "Tick Personal chats (and Private groups if a client writes to you in one), "
            "untick the photos and files, and choose Machine-readable JSON as the format."
        ),
        N_("Click Export. Telegram may ask you to confirm on your phone first."),
        N_("Choose the result.json file in the folder it makes."),
    ),
)
FACEBOOK_AND_INSTAGRAM = ExportHelp(
    N_("Facebook and Instagram"),
    "Facebook, Instagram",
    (
        N_(
            "In Facebook or Instagram, open Settings, then Accounts Centre, then Your "
            "information and permissions, then Download your information."
        ),
        N_(
            "Choose Download or transfer information, pick the account, and choose Some of "
            "your information: Messages, and Friends (Facebook) or Followers and following "
            "(Instagram)."
        ),
        N_(
            "Choose Download to device, set the format to JSON (not HTML), choose All time, "
            "then Create files. Meta e-mails you when the download is ready, often within a day."
        ),
        N_(
            "Save the .zip on this computer. Choose or drop the .zip here as it is, or the "
            "folder it unzips to, or one conversation's message_1.json."
        ),
        N_(
            "Confirm which person is you and which is each client. Messages, and the friend "
            "and follow requests your clients sent you, are added; nothing else is kept."
        ),
    ),
)
CALENDAR = ExportHelp(
    N_("Session calendar"),
    N_("Calendar"),
    (
        N_(
            "Google Calendar: on a computer, open Settings, then Import & export, then Export. "
            "Unzip the file it downloads; each calendar is an .ics file inside it."
        ),
        N_(
            "Apple Calendar (Mac): select the calendar with your sessions, then File, Export, "
            "Export…. It saves an .ics file."
        ),
        N_(
            "Outlook: open the calendar, then File, Save Calendar, choose the whole date range, "
            "and save it as an .ics file."
        ),
        N_(
            "Choose or drop the .ics file here, then choose which client each recurring title "
            "is a session with. Only the client, the start and the end of each session are "
            "kept, never a title, a place or a description."
        ),
    ),
)

EXPORT_HELP: tuple[ExportHelp, ...] = (
    SMS_AND_CALLS,
    EMAIL,
    WHATSAPP,
    CONTACTS,
    IMESSAGE,
    FACEBOOK_AND_INSTAGRAM,
    GOOGLE_VOICE,
    TELEGRAM,
    CALENDAR,
)
