"""Small e-mails and mailboxes written by the tests themselves, in tmp_path."""

from __future__ import annotations

from pathlib import Path


def message(
    body: str = "Hello, see you Tuesday.",
    *,
    sender: str = "Client A <Client.A@Example.org>",
    to: str = "Dr Therapist <therapist@example.net>",
    date: str | None = "Tue, 14 Nov 2023 22:13:20 +0000",
    message_id: str | None = "<m1@example.org>",
    subject: str = "Tuesday",
    extra: str = "",
) -> str:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if date is not None:
        lines.append(f"Date: {date}")
    if message_id is not None:
        lines.append(f"Message-ID: {message_id}")
    lines += [line for line in extra.split("\n") if line]
    return "\n".join(lines) + "\n\n" + body + "\n"


def mbox(*messages: str, envelope: str = "From sender@example.org Tue Nov 14 22:13:20 2023") -> str:
    return "".join(f"{envelope}\n{m}\n" for m in messages)


def write(tmp_path: Path, text: str, name: str = "mail.mbox", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path
