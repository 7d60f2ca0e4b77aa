"""The desktop metadata agrees with the app: names, icon, licence, validators."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from boundary_desk.system.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "org.boundarydesk.BoundaryDesk"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_the_desktop_file_is_named_as_the_app_says(qapp: object) -> None:
    from boundary_desk.ui.shell import application

    assert DESKTOP.stem == application.DESKTOP_FILE_NAME
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in METAINFO.read_text()
    assert f"<id>{APP_ID}</id>" in METAINFO.read_text()


def test_the_named_icon_exists_at_every_size(qapp: object) -> None:
    from boundary_desk.ui.shell import application

    icon = _desktop_entry()["Icon"]
    assert (resource_path("icons") / f"{icon}.svg").is_file()
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert (
            resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{icon}.png")
        ).is_file()
    for suffix in (".ico", ".icns"):
        assert (resource_path("icons") / f"{icon}{suffix}").is_file()
    sizes = {(s.width(), s.height()) for s in application.app_icon().availableSizes()}
    assert {(16, 16), (256, 256)} <= sizes


def test_the_licence_file_is_the_licence_pyproject_names() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert (
        "GNU GENERAL PUBLIC LICENSE\n                       Version 3"
        in (ROOT / "LICENSE").read_text()
    )
    assert "<project_license>GPL-3.0-or-later</project_license>" in METAINFO.read_text()


def test_appstream_names_a_homepage() -> None:
    assert '<url type="homepage">https://' in METAINFO.read_text()


@pytest.mark.parametrize(
    ("tool", "args", "target"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_the_validators_pass(tool: str, args: list[str], target: Path) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (.ci/run installs it)")
    done = subprocess.run([tool, *args, str(target)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
