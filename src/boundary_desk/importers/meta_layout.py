"""Which files of a Facebook or Instagram download the import reads, by their paths.

The layout differs between versions of the download: Facebook's `messages/inbox/<thread>/
message_1.json` moved under `your_facebook_activity/`, Instagram's under
`your_instagram_activity/`, and the request lists moved between `friends/`,
`friends_and_followers/` and `connections/`; each file keeps its own name, so a
member is told by the end of its path wherever it sits.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath

_THREAD = re.compile(
    r"(?:^|/)messages/(?:inbox|archived_threads|filtered_threads|message_requests|"
    r"e2ee_cutover)/[^/]+/message_\d+\.json$"
)
_RECEIVED = {
    "friend_requests_received.json",
    "received_friend_requests.json",
    "follow_requests_you've_received.json",
}
_SENT = {"pending_follow_requests.json", "sent_friend_requests.json"}
_PROFILE = {"profile_information.json", "personal_information.json"}


class Part(StrEnum):
    THREAD = "thread"
    REQUESTS = "requests"
    SENT = "sent"  # requests the owner sent: not a client's
    PROFILE = "profile"


def part_of(name: str) -> Part | None:
    """What a member of a download is, by its path, or None when the import needs none of it."""
    lowered = name.replace("\\", "/").lower()
    base = PurePosixPath(lowered).name
    if _THREAD.search(lowered):
        return Part.THREAD
    if base in _RECEIVED:
        return Part.REQUESTS
    if base in _SENT:
        return Part.SENT
    if base in _PROFILE:
        return Part.PROFILE
    return None
