"""Agreements through the CLI, including the PDF checks a reviewer would make."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_only_access_was_recorded, assert_user_error

HOSTILE = [
    "<b>Bold</b> <img src=x onerror=alert(1)> & \"Quotes\" 'too'",
    "Zoë 😀 Ünïcødé",
    "שרה כהן",
    "مريم الحسيني",
    "Ελένη Παπαδοπούλου",
    "Александра Иванова",
    "W" * 119,
]


@pytest.fixture(scope="module")
def practice_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One configured vault, built once; each test gets its own copy."""
    root = tmp_path_factory.mktemp("template")
    cli = Cli(root / "vault", root / "home")
    assert cli("init", "--json").code == 0
    for key, value in [
        ("clinician", "Dr. Jo Rivera"),
        ("credentials", "MSW, RSW"),
        ("practice", "Harbour Counselling"),
        ("timezone", "America/Toronto"),
        ("region", "CA-ON"),
    ]:
        assert cli("settings", "set", key, value).code == 0
    assert cli("client", "add", "Ana Lima", "--code", "AL1", "--email", "ana@example.org").code == 0
    return cli.data_dir


@pytest.fixture
def practice(cli: Cli, practice_template: Path) -> Cli:
    shutil.copytree(practice_template, cli.data_dir)
    return cli


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_signed_agreement_is_recorded_and_shown(practice: Cli) -> None:
    made = practice(
        "agreement",
        "new",
        "AL1",
        "--channels",
        "email,text",
        "--signed",
        "2026-11-20",
        "--review",
        "2027-05-01",
        "--json",
    )
    assert made.code == 0, made.err
    doc = made.json()
    assert (doc["version"], doc["status"]) == (1, "signed")
    assert doc["allowed_channels"] == ["email", "text"]
    assert doc["review_on"] == "2027-05-01"
    assert "988" in [r["number"] for r in doc["crisis_resources"]]
    shown = practice("agreement", "show", "Ana Lima", "--json").json()
    assert shown["status"] == "signed" and shown["client"] == "AL1"


def test_a_new_version_shows_what_changed(practice: Cli) -> None:
    practice("agreement", "new", "AL1", "--channels", "email,text", "--signed", "2026-11-20")
    result = practice("agreement", "new", "AL1", "--channels", "email,video")
    assert result.code == 0, result.err
    assert "Changes since version 1" in result.out
    assert "Text messages (SMS): now not allowed" in result.out
    assert "Video calls: now allowed" in result.out
    history = practice("agreement", "show", "AL1", "--json").json()
    assert (history["version"], history["status"]) == (2, "draft")


def test_pdf_holds_names_numbers_and_channels(practice: Cli, tmp_path: Path) -> None:
    practice("agreement", "new", "AL1", "--channels", "email,text,video", "--signed", "2026-11-20")
    out = tmp_path / "agreement.pdf"
    result = practice("agreement", "pdf", "AL1", "--out", str(out))
    assert result.code == 0, result.err
    assert out.stat().st_mode & 0o777 == 0o600
    text = pdf_text(out)
    for expected in [
        "Ana Lima",
        "Dr. Jo Rivera",
        "Harbour Counselling",
        "988",
        "911",
        "Email",
        "Text messages",
        "(SMS)",  # wrapped onto the next line of the column of channel names
        "Video calls",
        "Page 1 of",
        "version 1",
    ]:
        assert expected in text, expected


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_print_literally(cli: Cli, tmp_path: Path, name: str) -> None:
    assert cli("init", "--json").code == 0
    cli("settings", "set", "clinician", "<i>Dr</i> & Co")
    assert cli("client", "add", name, "--code", "H1").code == 0
    out = tmp_path / "hostile.pdf"
    result = cli("agreement", "pdf", "H1", "--out", str(out))
    assert result.code == 0, result.err
    text = pdf_text(out)
    assert "<i>Dr</i> & Co" in text
    flat = "".join(text.split())
    if name.isascii():
        assert "".join(name.split()) in flat


def test_pdf_without_an_agreement_is_a_prefilled_draft(practice: Cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.pdf"
    result = practice("agreement", "pdf", "AL1", "--out", str(out))
    assert result.code == 0, result.err
    assert "draft" in result.out
    text = pdf_text(out)
    assert "for signature on" in text  # issue 13: wording fit for a client to sign
    assert "ana@example.org" not in practice("agreement", "show", "AL1").out  # nothing saved
    assert practice("agreement", "show", "AL1", "--json").json()["agreement"] is None


def test_no_channels_is_explained(practice: Cli, tmp_path: Path) -> None:
    result = practice("agreement", "new", "AL1", "--channels", "none", "--signed", "2026-11-20")
    assert result.code == 0, result.err
    assert "No channel is allowed" in result.err
    out = tmp_path / "none.pdf"
    practice("agreement", "pdf", "AL1", "--out", str(out))
    assert "not to use electronic contact" in " ".join(pdf_text(out).split())


def test_empty_practice_profile_still_prints(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "--json").code == 0
    cli("client", "add", "Solo Client")
    out = tmp_path / "empty.pdf"
    result = cli("agreement", "pdf", "Solo Client", "--out", str(out))
    assert result.code == 0, result.err
    assert "Solo Client" in pdf_text(out)


def test_unwritable_output_is_one_line_and_leaves_nothing(practice: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "a.pdf"
    assert_user_error(practice("agreement", "pdf", "AL1", "--out", str(target)), "does not exist")
    assert not target.parent.exists()


def test_existing_pdf_is_replaced_atomically(practice: Cli, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    assert practice("agreement", "pdf", "AL1", "--out", str(out)).code == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agreement", "new", "AL1", "--channels", "fax"), "email, text, phone"),
        (("agreement", "new", "AL1", "--channels", "email", "--purposes", "crisis"), "scheduling"),
        (
            ("agreement", "new", "AL1", "--channels", "email", "--signed", "20/11/2026"),
            "2026-11-20",
        ),
        (("agreement", "new", "AL1", "--channels", "email", "--signed", "2099-01-01"), "future"),
        (("agreement", "new", "Nobody", "--channels", "email"), "No client"),
        (("agreement", "show", "Nobody"), "No client"),
    ],
)
def test_bad_agreement_input_is_one_line_and_saves_nothing(
    practice: Cli, args: tuple[str, ...], message: str
) -> None:
    last = max(r["id"] for r in practice("audit", "show", "--json").json())
    assert_user_error(practice(*args), message)
    assert practice("agreement", "show", "AL1", "--json").json()["agreement"] is None
    assert_only_access_was_recorded(practice, last)


def test_withdrawing_a_channel(practice: Cli) -> None:
    practice("agreement", "new", "AL1", "--channels", "email,text", "--signed", "2026-11-20")
    result = practice("agreement", "withdraw", "AL1", "--channel", "text", "--on", "2026-11-21")
    assert result.code == 0, result.err
    channels = practice("agreement", "show", "AL1", "--json").json()["channels"]
    assert channels["text"]["withdrawn_on"] == "2026-11-21"


def test_clause_wording_can_be_edited_and_reaches_the_pdf(practice: Cli, tmp_path: Path) -> None:
    result = practice("clause", "set", "records", "Our messages go into your file, {client_name}.")
    assert result.code == 0, result.err
    assert "edited" in practice("clause", "list").out
    out = tmp_path / "worded.pdf"
    practice("agreement", "pdf", "AL1", "--out", str(out))
    assert "Our messages go into your file, Ana Lima." in " ".join(pdf_text(out).split())
    assert practice("clause", "reset", "records").code == 0
    assert practice("clause", "show", "records").out.startswith("Messages between us")


def test_bad_clause_wording_is_refused(practice: Cli) -> None:
    assert_user_error(practice("clause", "set", "records", "Hi {client_nmae}"), "{client_name}")
    assert_user_error(practice("clause", "show", "nonsense"), "no clause")
    assert "edited" not in practice("clause", "list").out


def _letterhead(text: str) -> str:
    """The page's top, down to the title: practice, clinician, address and contact lines."""
    return text.split("Communication agreement", 1)[0]


def test_a_signed_version_reprints_as_signed_after_the_settings_change(
    practice: Cli, tmp_path: Path
) -> None:
    assert practice("settings", "set", "phone", "+1 416-555-0100").code == 0
    assert practice("settings", "set", "email", "jo@harbour.example").code == 0
    practice("agreement", "new", "AL1", "--channels", "email,text", "--signed", "2026-11-20")
    signed = tmp_path / "signed.pdf"
    assert practice("agreement", "pdf", "AL1", "--out", str(signed)).code == 0
    as_signed = pdf_text(signed)
    assert "+1 416-555-0100" in _letterhead(as_signed)
    assert "My number: +1 416-555-0100" in as_signed
    assert "Your email address: ana@example.org" in as_signed

    assert practice("settings", "set", "phone", "+1 416-555-0199").code == 0
    assert practice("settings", "set", "practice", "Harbour Counselling Group").code == 0
    practice("agreement", "new", "AL1", "--channels", "email")  # a version-2 draft
    reprint = tmp_path / "reprint.pdf"
    result = practice("agreement", "pdf", "AL1", "--version", "1", "--out", str(reprint))
    assert result.code == 0, result.err
    assert "version 1 (signed)" in result.out
    again = pdf_text(reprint)
    assert _letterhead(again) == _letterhead(as_signed)
    assert "My number: +1 416-555-0100" in again
    assert "+1 416-555-0199" not in again

    draft = tmp_path / "draft.pdf"
    assert practice("agreement", "pdf", "AL1", "--out", str(draft)).code == 0
    new_text = pdf_text(draft)
    assert "+1 416-555-0199" in _letterhead(new_text)
    assert "Version 2 · for signature on" in new_text


def test_reprinting_a_version_that_does_not_exist_is_one_line(
    practice: Cli, tmp_path: Path
) -> None:
    practice("agreement", "new", "AL1", "--channels", "email", "--signed", "2026-11-20")
    out = tmp_path / "none.pdf"
    result = practice("agreement", "pdf", "AL1", "--version", "4", "--out", str(out))
    assert_user_error(result, "no agreement version 4", "its versions are 1")
    assert not out.exists()


def test_channel_reasons_are_kept_with_the_agreement_and_printed(
    practice: Cli, tmp_path: Path
) -> None:
    made = practice(
        "agreement", "new", "AL1", "--channels", "email,text", "--channel-reasons", "--json"
    )
    assert made.code == 0, made.err
    assert made.json()["channel_reasons"] is True
    shown = practice("agreement", "show", "AL1")
    assert "Prints why each allowed channel is used for what" in shown.out
    out = tmp_path / "reasons.pdf"
    assert practice("agreement", "pdf", "AL1", "--out", str(out)).code == 0
    text = " ".join(pdf_text(out).split())
    assert (
        "We use text messages (SMS) only to arrange times and other admin, because short "
        "messages without tone of voice are easy to misread." in text
    )
    assert "We use email only to arrange times and other admin" in text
    # The next version keeps the choice unless told otherwise; --no-channel-reasons drops it.
    again = practice("agreement", "new", "AL1", "--channels", "email", "--json")
    assert again.json()["channel_reasons"] is True
    off = practice("agreement", "new", "AL1", "--channels", "email", "--no-channel-reasons")
    assert off.code == 0, off.err
    assert practice("agreement", "show", "AL1", "--json").json()["channel_reasons"] is False
    assert practice("agreement", "pdf", "AL1", "--out", str(out)).code == 0
    assert "We use email" not in " ".join(pdf_text(out).split())


def test_pdf_can_choose_the_reasons_for_a_draft_but_not_for_a_signed_version(
    practice: Cli, tmp_path: Path
) -> None:
    assert practice("agreement", "new", "AL1", "--channels", "text").code == 0
    out = tmp_path / "draft.pdf"
    made = practice("agreement", "pdf", "AL1", "--out", str(out), "--channel-reasons")
    assert made.code == 0, made.err
    assert "We use text messages (SMS) only" in " ".join(pdf_text(out).split())
    assert practice("agreement", "show", "AL1", "--json").json()["channel_reasons"] is True
    practice("settings", "set", "channels", "text: encrypted")
    signed = practice("agreement", "new", "AL1", "--channels", "text", "--signed", "2026-11-20")
    assert signed.code == 0, signed.err
    refused = practice(
        "agreement", "pdf", "AL1", "--out", str(tmp_path / "x.pdf"), "--no-channel-reasons"
    )
    assert_user_error(refused, "was signed with the reason for each channel", "new version")
    assert not (tmp_path / "x.pdf").exists()
    assert practice("agreement", "pdf", "AL1", "--out", str(out)).code == 0
    text = " ".join(pdf_text(out).split())
    assert "We use text messages (SMS) only" in text
    assert "This channel is not encrypted" not in text  # the clinician's encrypted texting
