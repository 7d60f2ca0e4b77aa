"""`boundary-desk import` of a Facebook or Instagram download (synthetic, built by hand in
the real layouts): the folder or the .zip, previewed as counts, committed with --yes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error
from tests.importers.meta_files import CLIENT, write_tree, write_zip
from tests.importers.meta_layouts import CLIENT_USER, LAYOUTS, MESSAGES
from tests.services.import_files import messages, sms
from tests.services.test_imports import TUESDAY


@pytest.fixture
def vault(cli: Cli) -> Cli:
    assert cli("init").code == 0
    assert cli("settings", "set", "region", "CA-ON").code == 0
    assert cli("settings", "set", "timezone", "America/Toronto").code == 0
    added = cli("client", "add", CLIENT, "--code", "ZM1", "--social", CLIENT_USER)
    assert added.code == 0, added.err
    return cli


def test_a_dry_run_of_the_folder_prints_counts_never_text(vault: Cli, tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "facebook-dana", LAYOUTS["facebook-old"][0]())
    result = vault("import", str(folder), "--source", "meta", "--dry-run", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["source"] == "meta-folder" and doc["new"] == MESSAGES + 1
    assert [(c["code"], c["new"]) for c in doc["clients"]] == [("ZM1", MESSAGES + 1)]
    assert doc["others"] == 3 and doc["skipped"]["reaction"] == 1
    assert "SECRET" not in result.out and "Café" not in result.out
    assert vault("events", "--json").json() == []


def test_the_zip_imports_with_yes_and_again_adds_nothing(vault: Cli, tmp_path: Path) -> None:
    path = str(write_zip(tmp_path / "instagram-dana.zip", LAYOUTS["instagram-new"][0]()))
    tie = f"ZM1={CLIENT}"
    first = vault("import", path, "--as", tie, "--yes", "--json")
    assert first.code == 0, first.err
    assert first.json()["result"] == {"added": MESSAGES + 1, "already": 0, "clients": 1}
    again = vault("import", path, "--as", tie, "--yes", "--json")
    assert again.json()["result"] == {"added": 0, "already": MESSAGES + 1, "clients": 1}
    events = vault("events", "--json").json()
    assert len(events) == MESSAGES + 1
    assert sum(1 for e in events if e["kind"] == "friend-request") == 1


def test_a_download_that_cannot_tell_its_owner_asks_for_me(vault: Cli, tmp_path: Path) -> None:
    files = {k: v for k, v in LAYOUTS["instagram-old"][0]().items() if "samfriend" not in k}
    folder = str(write_tree(tmp_path / "dl", files))
    assert_user_error(vault("import", folder, "--dry-run"), "--me")
    named = vault("import", folder, "--dry-run", "--json", "--me", "Dana Clinician")
    assert named.code == 0, named.err
    assert named.json()["new"] == MESSAGES + 1


def test_other_files_under_source_meta_say_what_was_expected(vault: Cli, tmp_path: Path) -> None:
    path = messages(tmp_path, sms("+14165550142", TUESDAY))
    assert_user_error(
        vault("import", str(path), "--source", "meta", "--dry-run"), "Facebook or Instagram"
    )


def test_a_participant_said_to_be_no_client_is_not_imported(vault: Cli, tmp_path: Path) -> None:
    # The client's name matches a participant's; --not-client must win over that suggestion.
    folder = str(write_tree(tmp_path / "facebook-dana", LAYOUTS["facebook-old"][0]()))
    shown = vault("import", folder, "--not-client", CLIENT, "--dry-run", "--json")
    assert shown.code == 0, shown.err
    assert shown.json()["clients"] == [] and shown.json()["new"] == 0
    done = vault("import", folder, "--not-client", CLIENT, "--yes", "--json")
    assert done.code == 0, done.err
    assert done.json()["result"] == {"added": 0, "already": 0, "clients": 0}
    assert vault("events", "--json").json() == []
    assert_user_error(
        vault("import", folder, "--as", f"ZM1={CLIENT}", "--not-client", CLIENT, "--dry-run"),
        "one answer",
    )


def test_with_yes_a_participant_tied_only_by_name_waits_for_as(vault: Cli, tmp_path: Path) -> None:
    folder = str(write_tree(tmp_path / "facebook-dana", LAYOUTS["facebook-old"][0]()))
    # A preview still offers the tie its name suggests ...
    shown = vault("import", folder, "--dry-run", "--json")
    assert [c["code"] for c in shown.json()["clients"]] == ["ZM1"]
    # ... but with --yes no one confirms it: it is left out, in one sentence saying so.
    done = vault("import", folder, "--yes")
    assert done.code == 0, done.err
    assert done.err.strip().splitlines() == [
        f"The participant {CLIENT} is tied to ZM1 only by its name, so it was left out with "
        f'--yes; to include it, add --as ZM1="{CLIENT}".'
    ]
    assert "0 new, 0 already imported, for 0 clients." in done.out
    assert vault("events", "--json").json() == []
    tied = vault("import", folder, "--as", f"ZM1={CLIENT}", "--yes", "--json")
    assert tied.code == 0 and tied.err == "", tied.err
    assert tied.json()["result"] == {"added": MESSAGES + 1, "already": 0, "clients": 1}
