"""`agreement new … --language` and `agreement pdf` in it; clause wording per language."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, assert_user_error


@pytest.fixture
def practice(cli: Cli) -> Cli:
    assert cli("init", "--json").code == 0
    for key, value in [("clinician", "Dr. Jo Rivera"), ("region", "CA-QC")]:
        assert cli("settings", "set", key, value).code == 0
    assert cli("client", "add", "Marie Tremblay", "--code", "MT1").code == 0
    return cli


def _text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join("".join(ch for ch in out if unicodedata.category(ch) != "Cf").split())


def test_an_agreement_in_french_prints_in_french_from_an_english_app(
    practice: Cli, tmp_path: Path
) -> None:
    made = practice("agreement", "new", "MT1", "--channels", "email", "--language", "fr", "--json")
    assert made.code == 0, made.err
    assert made.json()["language"] == "fr"
    assert "· in French" in practice("agreement", "show", "MT1").out
    out = tmp_path / "fr.pdf"
    assert practice("agreement", "pdf", "MT1", "--out", str(out)).code == 0
    text = _text(out)
    assert "Entente de communication" in text and "Info-Social 811" in text
    assert "Communication agreement" not in text


def test_an_agreement_in_hebrew_prints_in_hebrew(practice: Cli, tmp_path: Path) -> None:
    practice("agreement", "new", "MT1", "--channels", "email", "--language", "he")
    out = tmp_path / "he.pdf"
    assert practice("agreement", "pdf", "MT1", "--out", str(out)).code == 0
    assert "הסכם תקשורת" in _text(out)


def test_an_unknown_language_is_a_usage_error(practice: Cli) -> None:
    result = practice("agreement", "new", "MT1", "--channels", "email", "--language", "de")
    assert result.code == 2 and "invalid choice" in result.err
    assert practice("agreement", "show", "MT1", "--json").json()["agreement"] is None


def test_wording_edited_in_english_only_is_missing_in_french_and_refused_at_printing(
    practice: Cli, tmp_path: Path
) -> None:
    assert practice("clause", "set", "records", "My records wording, {client_name}.").code == 0
    listed = {
        row["name"]: row for row in practice("clause", "list", "--language", "fr", "--json").json()
    }
    assert listed["records"]["state"] == "missing"
    assert listed["intro"]["state"] == "default"
    assert "records              missing" in practice("clause", "list", "--language", "fr").out
    practice("agreement", "new", "MT1", "--channels", "email", "--language", "fr")
    out = tmp_path / "refused.pdf"
    assert_user_error(
        practice("agreement", "pdf", "MT1", "--out", str(out)), "records", "no French version"
    )
    assert not out.exists()
    french = "Mon libellé pour le dossier, {client_name}."
    assert practice("clause", "set", "records", french, "--language", "fr").code == 0
    assert practice("clause", "show", "records", "--language", "fr").out.strip() == french
    assert practice("agreement", "pdf", "MT1", "--out", str(out)).code == 0
    assert "Mon libellé pour le dossier, Marie Tremblay." in _text(out)
    assert practice("clause", "reset", "records", "--language", "fr").code == 0
    assert "records              missing" in practice("clause", "list", "--language", "fr").out
