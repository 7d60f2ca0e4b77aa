"""Readers for what is already on the clinician's phone and in their contacts.

Pure Python: no Qt, no storage. Each reader streams a file the clinician chose and
yields plain frozen records, keeping message text in memory only.

Here now:
- `recognise`: which kind of export a file is, from its content, not its name;
- `sbr`: Android "SMS Backup & Restore" messages (SMS, MMS, group MMS) and call logs,
  streamed with memory bounded whatever the file size, through a hardened XML parser;
- `vcard`: contact cards (vCard 2.1, 3.0, 4.0) for the handles they carry;
- `whatsapp`: WhatsApp "Export chat", the Android .txt or the iOS .zip (read from the
  archive, media never opened), each line's local time resolved in the phone's zone;
  `whatsapp_chat.inspect_chat` first learns its participants and date order;
- `email_reader`: e-mail, as single .eml files, mailboxes (.mbox: mboxo and mboxrd,
  streamed a message at a time) and Outlook .msg items (their MAPI properties, read
  from the OLE compound file); `email_fields`, `email_body`, `email_message`,
  `email_mbox`, `email_outlook` and `email_outlook_props` are its parts;
- `meta`: Facebook and Instagram "Download your information" (JSON), as the folder,
  the .zip or one message_N.json: direct messages, and the friend and follow requests
  received (records of kind FRIEND_REQUEST); `meta_layout`, `meta_source` (members read
  straight from the folder or archive, zip bombs refused) and `meta_text` (the
  download's mojibake undone) are its parts.

Next (issue 15): matching to clients, the preview and the import use case in
`services/`.
"""
