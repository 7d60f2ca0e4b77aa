"""Four synthetic downloads: Facebook and Instagram, each in an older and a newer layout.

Each holds, for the client (CLIENT) and the owner (OWNER): in one thread, written across
message_1.json (newest) and message_2.json, a text and a reply, a photo, a call, a "liked a
message", an unsent message and a group notice; a friend's thread (FRIEND), which no
client is in; and requests received from the client and the friend. Synthetic, written
by hand in the real layouts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.importers.meta_files import (
    CLIENT,
    FRIEND,
    OWNER,
    facebook_profile,
    facebook_requests,
    instagram_profile,
    instagram_requests,
    message,
    millis,
    thread,
)

T = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
CLIENT_USER = "zoe.martin"
FRIEND_USER = "sam.friend"
MESSAGES = 4  # the client's thread: a text, the owner's reply, a photo and a call
SKIPPED = {"reaction": 1, "unsent message": 1, "notice": 1}


def _client_thread(folder: str) -> dict[str, dict[str, Any]]:
    newest = [
        message(CLIENT, T + 10 * MIN, "Zoë called you.", call_duration=125, type="Call"),
        message(CLIENT, T + 9 * MIN, "Zoë liked a message"),
        message(CLIENT, T + 8 * MIN, "", is_unsent=True),
        message(CLIENT, T + 7 * MIN, "", photos=[{"uri": "photos/1.jpg"}]),
    ]
    older = [
        message(OWNER, T + 5 * MIN, "Yes — see you then 👍"),
        message(CLIENT, T + 2 * MIN, "Zoë named the group Café."),
        message(CLIENT, T, "Café tomorrow? 😊"),
    ]
    return {
        f"{folder}/message_1.json": thread([CLIENT, OWNER], newest, folder.rsplit("/", 1)[-1]),
        f"{folder}/message_2.json": thread([CLIENT, OWNER], older, folder.rsplit("/", 1)[-1]),
    }


def _friend_thread(folder: str) -> dict[str, dict[str, Any]]:
    said = [message(FRIEND, T, "SECRET-OF-A-FRIEND"), message(OWNER, T + MIN, "ok")]
    return {f"{folder}/message_1.json": thread([FRIEND, OWNER], said, folder.rsplit("/", 1)[-1])}


def facebook_old() -> dict[str, Any]:
    return {
        **_client_thread("messages/inbox/zoemartin_1234"),
        **_friend_thread("messages/inbox/samfriend_5678"),
        "friends_and_followers/friend_requests_received.json": facebook_requests(
            (CLIENT, T - timedelta(days=2)), (FRIEND, T - timedelta(days=1))
        ),
        "profile_information/profile_information.json": facebook_profile(OWNER),
        "photos_and_videos/your_photos.json": {"other_photos_v2": []},
    }


def facebook_new() -> dict[str, Any]:
    """The newer layout, with an end-to-end encrypted thread in its own camelCase form,
    whose text is plain UTF-8 (no mojibake)."""
    e2ee = {
        "participants": [CLIENT, OWNER],
        "threadName": CLIENT,
        "messages": [
            {
                "isUnsent": False,
                "media": [{"uri": "./media/video.mp4"}],
                "reactions": [],
                "senderName": CLIENT,
                "text": "",
                "timestamp": millis(T + timedelta(days=1)),
                "type": "media",
            },
            {
                "isUnsent": False,
                "media": [],
                "reactions": [{"actor": OWNER, "reaction": "❤"}],
                "senderName": CLIENT,
                "text": "Encrypted hello, Zoë here",
                "timestamp": millis(T + timedelta(days=1) - MIN),
                "type": "text",
            },
        ],
    }
    return {
        **_client_thread("your_facebook_activity/messages/inbox/zoemartin_1234"),
        **_friend_thread("your_facebook_activity/messages/archived_threads/samfriend_5678"),
        "your_facebook_activity/messages/e2ee_cutover/zoemartin_9999/message_1.json": e2ee,
        "connections/friends/received_friend_requests.json": facebook_requests(
            (CLIENT, T - timedelta(days=2)), (FRIEND, T - timedelta(days=1)), v2=False
        ),
        "personal_information/profile_information/profile_information.json": facebook_profile(
            OWNER
        ),
    }


def instagram_old() -> dict[str, Any]:
    return {
        **_client_thread("messages/inbox/zoemartin_17841400000000000"),
        **_friend_thread("messages/inbox/samfriend_17841400000000001"),
        "connections/followers_and_following/follow_requests_you've_received.json": (
            instagram_requests(
                (CLIENT_USER, T - timedelta(days=2)), (FRIEND_USER, T - timedelta(days=1))
            )
        ),
        "connections/followers_and_following/pending_follow_requests.json": {
            "relationships_follow_requests_sent": [
                {"title": "", "media_list_data": [], "string_list_data": [{"value": "someone"}]}
            ]
        },
    }


def instagram_new() -> dict[str, Any]:
    return {
        **_client_thread("your_instagram_activity/messages/inbox/zoemartin_17841400000000000"),
        **_friend_thread("your_instagram_activity/messages/inbox/samfriend_17841400000000001"),
        "connections/followers_and_following/follow_requests_you've_received.json": (
            instagram_requests(
                (CLIENT_USER, T - timedelta(days=2)),
                (FRIEND_USER, T - timedelta(days=1)),
                titled=True,
            )
        ),
        "personal_information/personal_information/personal_information.json": (
            instagram_profile(OWNER, "dana.clinician")
        ),
    }


LAYOUTS = {
    "facebook-old": (facebook_old, "Facebook", CLIENT),
    "facebook-new": (facebook_new, "Facebook", CLIENT),
    "instagram-old": (instagram_old, "Instagram", CLIENT_USER),
    "instagram-new": (instagram_new, "Instagram", CLIENT_USER),
}
