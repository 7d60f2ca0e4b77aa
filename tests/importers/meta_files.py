"""Facebook and Instagram downloads written by the tests themselves, in tmp_path.

All synthetic: built by hand in the layouts the real downloads use, in two versions
each (the older `messages/inbox/...` at the top, and the newer one under
`your_facebook_activity/` or `your_instagram_activity/`, with the request lists moved
to `connections/`). Text is written as the downloads write it: UTF-8 bytes escaped as
Latin-1 characters (mojibake), unless `plain` is asked for.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OWNER = "Dana Clinician"
CLIENT = "Zoë Martin"  # non-ASCII, so the mojibake is tested
FRIEND = "Sam Friend"


def mojibake(text: str) -> str:
    """What the downloads write: each UTF-8 byte as a Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def millis(when: datetime) -> int:
    return int(when.astimezone(UTC).timestamp() * 1000)


def seconds(when: datetime) -> int:
    return int(when.astimezone(UTC).timestamp())


def message(sender: str, when: datetime, text: str = "", **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"sender_name": mojibake(sender), "timestamp_ms": millis(when)}
    if text:
        found["content"] = mojibake(text)
    found.update(more)
    return found


def thread(people: list[str], messages: list[dict[str, Any]], folder: str) -> dict[str, Any]:
    """A message_N.json; `messages` are written newest first, as the downloads do."""
    ordered = sorted(messages, key=lambda m: m.get("timestamp_ms", 0), reverse=True)
    return {
        "participants": [{"name": mojibake(p)} for p in people],
        "messages": ordered,
        "title": mojibake(people[0]),
        "is_still_participant": True,
        "thread_path": f"inbox/{folder}",
        "magic_words": [],
    }


def facebook_requests(*sent: tuple[str, datetime], v2: bool = True) -> dict[str, Any]:
    key = "received_requests_v2" if v2 else "received_requests"
    return {key: [{"name": mojibake(n), "timestamp": seconds(w)} for n, w in sent]}


def instagram_requests(*sent: tuple[str, datetime], titled: bool = False) -> dict[str, Any]:
    """Older downloads name the account in `value`; newer ones in `title`, beside the link."""
    rows = []
    for name, when in sent:
        data = {"href": f"https://www.instagram.com/{name}", "timestamp": seconds(when)}
        if not titled:
            data["value"] = name
        rows.append(
            {
                "title": name if titled else "",
                "media_list_data": [],
                "string_list_data": [data],
            }
        )
    return {"relationships_follow_requests_received": rows}


def facebook_profile(name: str) -> dict[str, Any]:
    return {
        "profile_v2": {"name": {"full_name": mojibake(name), "first_name": "", "last_name": ""}}
    }


def instagram_profile(name: str, username: str) -> dict[str, Any]:
    return {
        "profile_user": [
            {
                "string_map_data": {
                    "Name": {"href": "", "value": mojibake(name), "timestamp": 0},
                    "Username": {"href": "", "value": username, "timestamp": 0},
                }
            }
        ]
    }


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """The download unzipped: each path to its JSON, written as the downloads write it."""
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=2), encoding="ascii")
    return root


def write_zip(path: Path, files: dict[str, Any], *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, json.dumps(data, indent=2))
        for name, raw in (extra or {}).items():
            archive.writestr(name, raw)
    return path
