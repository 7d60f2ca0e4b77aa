"""The wheel that pip, pipx and bundles install works as well as the checkout.

The wheel is built from this tree and installed, without `-e`, into a fresh virtual
environment. Its dependencies are borrowed from the test environment's site-packages
(appended after the new environment's own, so the installed copy of Boundary Desk is
the one imported) because this machine may not reach a package index. Everything
then runs from the installed copy: a vault, a client, a contact and every PDF.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh venv holding only the built wheel of Boundary Desk."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy, so no build/ or egg-info from an earlier build can fill gaps.
    source = work / "source"
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("boundary_desk-*.whl"))
    env_dir = work / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    own_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (own_site / "borrowed-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(own_site),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    return python


def _run(python: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "BOUNDARY_DESK_PASSPHRASE": PASSPHRASE,
    }
    return subprocess.run(
        [str(python), "-m", "boundary_desk", "--data-dir", str(home / "vault"), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        cwd=home,
        timeout=180,
        check=False,
    )


def test_the_wheel_carries_the_fonts_and_the_clause_text(installed: Path) -> None:
    where = subprocess.run(
        [
            str(installed),
            "-c",
            "import boundary_desk, boundary_desk.system.resources as r; "
            "print(boundary_desk.__file__); print(r.resource_path('fonts', 'DejaVuSans.ttf'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.split()
    env_dir = installed.parent.parent
    assert Path(where[0]).is_relative_to(env_dir), "the checkout was imported, not the wheel"
    assert Path(where[1]).is_file() and Path(where[1]).is_relative_to(env_dir)


def test_the_wheel_carries_the_user_guide(installed: Path) -> None:
    """Help › User guide works offline from the installed copy: the page and every warning."""
    shown = subprocess.run(
        [
            str(installed),
            "-c",
            "import boundary_desk.system.resources as r, json; "
            "from boundary_desk.domain.vocabulary.labels import WARNING_LABELS as w; "
            "p = r.resource_path('guide', 'en.html'); "
            "e = json.loads(r.resource_path('guide', 'warnings.en.json').read_text()); "
            "print(p); print(sorted(e) == sorted(w))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.split()
    assert Path(shown[0]).is_file() and Path(shown[0]).is_relative_to(installed.parent.parent)
    assert shown[1] == "True"


def test_the_wheel_carries_the_drop_down_arrow(installed: Path) -> None:
    """The style sheet's chevron is package data, not drawn into a temporary folder."""
    shown = subprocess.run(
        [
            str(installed),
            "-c",
            "import boundary_desk.system.resources as r; "
            "print(r.resource_path('ui', 'down-arrow.png'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    assert Path(shown).is_file() and Path(shown).is_relative_to(installed.parent.parent)


def test_the_installed_copy_opens_a_vault_and_prints_every_document(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    kit = home / "kit.pdf"
    steps = [
        ("init", "--emergency-kit", str(kit)),
        ("client", "add", "Ana Lima", "--code", "AL1"),
        ("log", "AL1", "--channel", "text", "--direction", "in", "--summary", "Running late"),
        ("agreement", "pdf", "AL1", "--out", str(home / "agreement.pdf")),
        ("review", "--pdf", str(home / "review.pdf")),
        ("record", "AL1", "--pdf", str(home / "record.pdf")),
    ]
    for step in steps:
        result = _run(installed, home, *step)
        assert result.returncode == 0, (step, result.stderr)
        assert "Traceback" not in result.stderr
    for name in ("kit.pdf", "agreement.pdf", "review.pdf", "record.pdf"):
        pdf = (home / name).read_bytes()
        assert pdf.startswith(b"%PDF"), name
        assert b"DejaVuSans" in pdf, f"{name} lacks the shipped font"
        if shutil.which("pdffonts"):
            fonts = subprocess.run(
                ["pdffonts", str(home / name)], capture_output=True, text=True, check=True
            ).stdout
            assert "DejaVuSans" in fonts and "emb" in fonts.lower(), name
