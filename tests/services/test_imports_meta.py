"""Importing a Facebook or Instagram download: questions, preview, friend requests as
friend-request entries, commit, and importing again. The downloads are synthetic, built
by hand in the real layouts (tests/importers/meta_layouts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, EventKind, RequestAction
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.imports import (
    ImportChoices,
    commit,
    preview,
    questions,
    source_kind,
)
from tests.importers.meta_files import CLIENT, FRIEND, OWNER, write_tree, write_zip
from tests.importers.meta_layouts import CLIENT_USER, LAYOUTS, MESSAGES
from tests.services.import_files import messages, sms
from tests.services.test_imports import TUESDAY, practice


@pytest.fixture
def ready(services: Services) -> Services:
    practice(services)
    services.clients.add(
        Client(
            code="ZM1",
            display_name=CLIENT,
            handles=(ContactHandle(HandleKind.SOCIAL, CLIENT_USER),),
        )
    )
    return services


def _choices(services: Services, path: Path) -> ImportChoices:
    asked = questions(services, path)
    return ImportChoices(me=asked.suggested_me, ties=asked.suggested_ties)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_download_is_previewed_with_its_requests_as_friend_requests(
    ready: Services, layout: str, tmp_path: Path
) -> None:
    build, platform, _ = LAYOUTS[layout]
    path = write_zip(tmp_path / "download.zip", build())
    asked = questions(ready, path)
    assert asked.kind is SourceKind.META_ZIP and not asked.needs_zone
    assert asked.suggested_me == OWNER and asked.suggested_ties == {CLIENT: "ZM1"}
    assert {CLIENT, FRIEND, OWNER} <= set(asked.participants)
    shown = preview(ready, path, _choices(ready, path))
    [zoe] = shown.clients
    e2ee = 2 if layout == "facebook-new" else 0
    assert (zoe.code, zoe.new, zoe.already) == ("ZM1", MESSAGES + e2ee + 1, 0)
    assert shown.others == 3  # the friend's thread (2) and the friend's request
    requests = [e for e in shown.staged if e.event.kind is EventKind.FRIEND_REQUEST]
    [request] = requests
    assert request.event.request is not None
    assert request.event.request.platform == platform
    assert request.event.request.action is RequestAction.PENDING
    assert request.event.channel is ContactChannel.DM and request.event.replied_at is None
    assert "SECRET" not in repr(shown) and FRIEND not in repr(shown)


def test_commit_writes_them_and_importing_again_adds_nothing(
    ready: Services, tmp_path: Path
) -> None:
    files = LAYOUTS["facebook-old"][0]()
    folder = write_tree(tmp_path / "facebook-dana", files)
    assert source_kind(folder, "meta") is SourceKind.META_FOLDER
    shown = preview(ready, folder, _choices(ready, folder))
    result = commit(ready, shown)
    assert (result.added, result.already) == (MESSAGES + 1, 0)
    [request] = ready.events.list(kinds=(EventKind.FRIEND_REQUEST,))
    assert request.request is not None and request.request.platform == "Facebook"
    contacts = ready.events.list(kinds=(EventKind.CONTACT,))
    assert len(contacts) == MESSAGES
    assert all("SECRET" not in e.summary for e in contacts)
    # Again, and as the .zip of the same download: nothing twice.
    for path in (folder, write_zip(tmp_path / "facebook-dana.zip", files)):
        again = preview(ready, path, _choices(ready, path))
        assert (again.new, again.already) == (0, MESSAGES + 1)
        assert commit(ready, again).added == 0
    assert len(ready.events.list()) == MESSAGES + 1


def test_the_owner_must_be_known_or_named(ready: Services, tmp_path: Path) -> None:
    files = {k: v for k, v in LAYOUTS["instagram-old"][0]().items() if "samfriend" not in k}
    path = write_tree(tmp_path / "dl", files)  # one thread, no profile: it can't tell
    assert questions(ready, path).suggested_me == ""
    with pytest.raises(InvalidInput, match="which participant"):
        preview(ready, path, ImportChoices(ties={CLIENT: "ZM1"}))
    with pytest.raises(InvalidInput, match="not one of"):
        preview(ready, path, ImportChoices(me="Nobody Here", ties={CLIENT: "ZM1"}))
    shown = preview(ready, path, ImportChoices(me=OWNER, ties={CLIENT: "ZM1"}))
    assert shown.new == MESSAGES + 1  # the follow request matched by the client's handle


def test_meta_is_a_source_and_other_folders_are_still_refused(
    ready: Services, tmp_path: Path
) -> None:
    sms_file = messages(tmp_path, sms("+14165550142", TUESDAY))
    with pytest.raises(WrongKind, match="Facebook or Instagram download"):
        source_kind(sms_file, "meta")
    other = tmp_path / "photos"
    other.mkdir()
    with pytest.raises(UnreadableImport, match="That is a folder"):
        questions(ready, other)


def test_a_downloads_progress_runs_over_its_files_to_the_end(
    ready: Services, tmp_path: Path
) -> None:
    folder = write_tree(tmp_path / "facebook-dana", LAYOUTS["facebook-old"][0]())
    told: list[tuple[int, int]] = []
    preview(ready, folder, _choices(ready, folder), progress=lambda d, t: told.append((d, t)))
    # Its message and request files (not the profile or photos), not the folder entry.
    read = [*folder.glob("messages/**/*.json"), *folder.glob("friends_and_followers/*.json")]
    size = sum(p.stat().st_size for p in read)
    assert told[-1] == (size, size) and size != folder.stat().st_size
