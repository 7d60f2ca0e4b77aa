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
  `whatsapp_chat.inspect_chat` first learns its participants and date order.

Next (issue 15): e-mail (.eml, .mbox, Outlook .msg), then matching to clients, the
preview and the import use case in `services/`.
"""
