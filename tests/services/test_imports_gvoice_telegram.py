"""Google Voice and Telegram exports through the import: matched by number (or by a
name tied to a client), previewed as counts, committed, and a second import adds
nothing. The pages and exports here are synthetic; the real Google Voice samples
(names and numbers faked by their author) run when the samples folder is present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import Services
from boundary_desk.services.import_sources import is_export_folder
from boundary_desk.services.imports import (
    ImportChoices,
    commit,
    preview,
    questions,
    source_kind,
)
from tests.importers.gvoice_files import takeout
from tests.importers.meta_files import write_tree
from tests.importers.meta_layouts import LAYOUTS
from tests.importers.samples import sample_files, samples_folder
from tests.importers.telegram_files import account, chat, message, phone_call
from tests.importers.telegram_files import write as write_json

FRIEND = "+14165559393"
T0 = 1_794_300_000


@pytest.fixture
def ready(services: Services) -> Services:
    services.settings.set("region", "CA-ON")
    services.settings.set("timezone", "America/Toronto")
    services.settings.set("phone", "416 555 0100")
    services.clients.add(
        Client(
            code="RB1",
            display_name="Robin Bell",
            handles=(ContactHandle(HandleKind.PHONE, "416 555 0142"),),
        )
    )
    return services


def test_a_takeout_voice_folder_is_previewed_committed_and_not_imported_twice(
    ready: Services, tmp_path: Path
) -> None:
    folder = takeout(tmp_path)
    assert source_kind(folder, "google-voice") is SourceKind.GOOGLE_VOICE
    assert questions(ready, folder).kind is SourceKind.GOOGLE_VOICE
    shown = preview(ready, folder, ImportChoices())
    [robin] = shown.clients
    assert (shown.new, robin.new, robin.already, shown.others) == (5, 5, 0, 2)
    assert robin.after_hours == 1
    assert shown.summary.notes == ("1 page Takeout wrote twice was read once.",)
    channels = sorted((e.channel, e.direction) for e in robin.entries)
    assert channels == sorted([
        (ContactChannel.TEXT, Direction.IN), (ContactChannel.TEXT, Direction.OUT),
        (ContactChannel.TEXT, Direction.IN), (ContactChannel.CALL, Direction.IN),
        (ContactChannel.VOICEMAIL, Direction.IN),
    ])  # fmt: skip
    assert [u.handle for u in shown.unmatched] == [FRIEND]
    assert "SECRET" not in repr(shown)
    result = commit(ready, shown)
    assert (result.added, result.already) == (5, 0)
    again = preview(ready, folder, ImportChoices())
    assert (again.new, again.already) == (0, 5)
    assert commit(ready, again).added == 0


def test_other_folders_are_still_refused_with_the_same_sentence(
    ready: Services, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"That is a folder; choose the export file inside it\."):
        preview(ready, tmp_path, ImportChoices())
    with pytest.raises(WrongKind, match="Google Voice from Google Takeout"):
        source_kind(takeout(tmp_path / "t"), "sbr")


@pytest.mark.skipif(samples_folder() is None, reason="samples folder absent")
def test_the_real_google_voice_samples_match_a_client_by_any_of_their_numbers(
    services: Services, tmp_path: Path
) -> None:
    services.settings.set("region", "US-NY")
    services.settings.set("phone", "+17323210011")  # the account's owner, per TEST_DATA.md
    services.clients.add(
        Client(
            code="EA1",
            display_name="Edson Arantes do Nascimento",
            handles=tuple(
                ContactHandle(HandleKind.PHONE, n)
                for n in ("+17323214444", "+12123214444", "+15703214444")
            ),
        )
    )
    folder = tmp_path / "Calls"
    folder.mkdir()
    for page in sample_files("google_voice", "*.html"):
        shutil.copy(page, folder / page.name)
    pages = [p.read_text(encoding="utf-8") for p in folder.iterdir()]
    # Counted from the HTML: his messages on his own pages (by his main number), the two
    # voicemails from his other numbers, and in the one group he is in, his messages and
    # the owner's (which went to him too).
    own = [p for p in pages if "<title>Me to\nEdson" in p or "Edson Arantes" in p[:400]]
    his = sum(p.count('class="message"') for p in own if 'class="participants"' not in p)
    voicemails = sum('class="haudio"' in p and "Edson" in p for p in pages)
    [group] = [p for p in pages if 'class="participants"' in p and "tel:+17323214444" in p]
    in_group = group.count('tel:+17323214444"><span class="fn">Edson') - 1  # less the list
    in_group += group.count('title="">Me</abbr>')
    shown = preview(services, folder, ImportChoices())
    [edson] = shown.clients
    assert edson.new == his + voicemails + in_group
    assert commit(services, shown).added == edson.new
    assert preview(services, folder, ImportChoices()).new == 0


def test_a_telegram_export_is_matched_by_the_phone_its_contacts_list_gives(
    ready: Services, tmp_path: Path
) -> None:
    path = write_json(
        tmp_path / "result.json",
        account(
            chat(
                "Robin Bell",
                "personal_chat",
                2002,
                message(1, T0, "Robin Bell", 2002, "SECRET-ROBIN hello"),
                message(2, T0 + 60, "Dana", 1001, "reply"),
                phone_call(3, T0 + 120, "Robin Bell", 2002, duration_seconds=600),
            ),
            chat("Sam", "personal_chat", 3003, message(4, T0, "Sam", 3003, "SECRET-FRIEND")),
            phones=(("Robin", "Bell", "416 555 0142"),),
        ),
    )
    assert source_kind(path, "telegram") is SourceKind.TELEGRAM
    shown = preview(ready, path, ImportChoices())
    [robin] = shown.clients
    assert (robin.new, shown.others) == (3, 1)
    assert sorted((e.channel, e.direction) for e in robin.entries) == sorted([
        (ContactChannel.DM, Direction.IN), (ContactChannel.DM, Direction.OUT),
        (ContactChannel.CALL, Direction.IN),
    ])  # fmt: skip
    assert "SECRET" not in repr(shown)
    assert commit(ready, shown).added == 3
    again = preview(ready, path, ImportChoices())
    assert (again.new, again.already) == (0, 3)


def robin_chat(folder: Path) -> Path:
    """A Telegram Desktop export of Robin's chat, in the folder Telegram makes for it."""
    folder.mkdir(parents=True)
    document = account(
        chat(
            "Robin Bell",
            "personal_chat",
            2002,
            message(1, T0, "Robin Bell", 2002, "SECRET-ROBIN hello"),
            message(2, T0 + 60, "Dana", 1001, "reply"),
        ),
        phones=(("Robin", "Bell", "416 555 0142"),),
    )
    write_json(folder / "result.json", document)
    return folder


def test_a_telegram_export_folder_is_read_as_its_result_json(
    ready: Services, tmp_path: Path
) -> None:
    folder = robin_chat(tmp_path / "ChatExport_2026-11-10")
    assert source_kind(folder) is SourceKind.TELEGRAM
    assert source_kind(folder, "telegram") is SourceKind.TELEGRAM
    assert questions(ready, folder).kind is SourceKind.TELEGRAM
    told: list[tuple[int, int]] = []
    shown = preview(ready, folder, ImportChoices(), progress=lambda d, t: told.append((d, t)))
    [robin] = shown.clients
    assert (robin.new, shown.others) == (2, 0)
    size = (folder / "result.json").stat().st_size
    assert told[-1] == (size, size)  # the progress is the file's, not the folder's
    assert "SECRET" not in repr(shown)
    assert commit(ready, shown).added == 2
    # The same export chosen as its file is the same entries: nothing new.
    again = preview(ready, folder / "result.json", ImportChoices())
    assert (again.new, again.already) == (0, 2)


def test_every_folder_an_export_makes_is_one_to_import_and_no_other(
    ready: Services, tmp_path: Path
) -> None:
    telegram = robin_chat(tmp_path / "ChatExport_2026-11-10")
    meta = write_tree(tmp_path / "facebook-dana", LAYOUTS["facebook-old"][0]())
    voice = takeout(tmp_path)
    for folder in (voice, voice / "Calls", telegram, meta):
        assert is_export_folder(folder), folder
    empty = tmp_path / "empty"
    empty.mkdir()
    not_telegram = tmp_path / "other"
    not_telegram.mkdir()
    (not_telegram / "result.json").write_text('{"result": 1}', encoding="utf-8")
    hollow = tmp_path / "hollow"
    (hollow / "result.json").mkdir(parents=True)  # a folder of that name
    for path in (empty, not_telegram, hollow, telegram / "result.json", tmp_path / "gone"):
        assert not is_export_folder(path), path
    with pytest.raises(InvalidInput, match=r"That is a folder; choose the export file inside it\."):
        preview(ready, not_telegram, ImportChoices())


@pytest.mark.skipif(samples_folder() is None, reason="samples folder absent")
def test_the_telegram_samples_are_matched_by_a_name_tied_to_a_client(ready: Services) -> None:
    [path] = sample_files("telegram", "*single*")
    choices = ImportChoices(me="Author 1", ties={"Author 2": "RB1"})
    shown = preview(ready, path, choices)
    [robin] = shown.clients
    # Author 2 wrote one, and the clinician (Author 1, named with --me) the other, to them.
    assert (robin.new, shown.others) == (2, 0)
    directions = sorted(e.direction.value for e in robin.entries)
    assert directions == ["in", "out"]
    assert commit(ready, shown).added == 2
    assert preview(ready, path, choices).new == 0
    # Without --me nobody can tell who wrote the first: it is left out, counted.
    unnamed = preview(ready, path, ImportChoices(ties={"Author 2": "RB1"}))
    assert (unnamed.clients[0].new, unnamed.clients[0].already) == (0, 1)


def test_a_voice_folders_progress_runs_over_its_pages_to_the_end(
    ready: Services, tmp_path: Path
) -> None:
    folder = takeout(tmp_path)
    told: list[tuple[int, int]] = []
    preview(ready, folder, ImportChoices(), progress=lambda d, t: told.append((d, t)))
    # Every page but the copy Takeout wrote twice (" (1).html"), not the folder entry's size.
    pages = sum(p.stat().st_size for p in folder.rglob("*.html") if " (1)" not in p.name)
    assert told[-1] == (pages, pages)
    assert pages != folder.stat().st_size
