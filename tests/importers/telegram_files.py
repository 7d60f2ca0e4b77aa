"""Telegram Desktop exports written here in its JSON layout (synthetic: the shared samples
are synthetic too, and small), for one chat or a whole account."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ME = 1001
CLIENT = 2002


def message(number: int, when: int, author: str, author_id: int, text: Any, **extra: Any) -> dict:
    return {
        "id": number,
        "type": "message",
        "date": "2026-11-10T14:00:00",  # naive and local: never to be used
        "date_unixtime": str(when),
        "from": author,
        "from_id": f"user{author_id}",
        "text": text,
        **extra,
    }


def phone_call(number: int, when: int, actor: str, actor_id: int, **extra: Any) -> dict:
    return {
        "id": number,
        "type": "service",
        "date": "2026-11-10T14:00:00",
        "date_unixtime": str(when),
        "actor": actor,
        "actor_id": f"user{actor_id}",
        "action": "phone_call",
        "text": "",
        **extra,
    }


def service(number: int, when: int, action: str) -> dict:
    return {
        "id": number,
        "type": "service",
        "date_unixtime": str(when),
        "actor": "Someone",
        "actor_id": "user9",
        "action": action,
        "text": "",
    }


def chat(name: str, kind: str, chat_id: int, *messages: dict) -> dict:
    return {"name": name, "type": kind, "id": chat_id, "messages": list(messages)}


def account(*chats: dict, phones: tuple[tuple[str, str, str], ...] = (), me: int = ME) -> dict:
    return {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": me, "first_name": "Dana", "phone_number": "+1 555"},
        "contacts": {
            "about": "The list of your contacts.",
            "list": [
                {"first_name": f, "last_name": s, "phone_number": p, "date_unixtime": "0"}
                for f, s, p in phones
            ],
        },
        "chats": {"about": "The chats.", "list": list(chats)},
    }


def write(path: Path, document: dict, indent: int | None = 1) -> Path:
    path.write_text(json.dumps(document, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path
