"""Build the bundle for this platform into dist/; on Linux also a .tar.gz and a .deb.

Run by `python3 dev.py package` with the development venv's python (PyInstaller comes
from the pinned dev lock). Prints each artefact's size and the time taken.

    dist/boundary-desk/                       the PyInstaller folder (every platform)
    dist/Boundary Desk.app                    macOS
    dist/boundary-desk-VERSION-linux-ARCH.tar.gz
    dist/boundary-desk_VERSION_ARCH.deb       Linux: /opt/boundary-desk, /usr/bin link,
                                              desktop file, hicolor icons, AppStream
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
APP_ID = "org.boundarydesk.BoundaryDesk"
ICONS = ROOT / "src" / "boundary_desk" / "data" / "icons"

# What the bundled Qt's xcb platform plugin and the keychain need from the system; the
# rest (Python, Qt itself, SQLCipher, OpenSSL) is inside the bundle.
DEB_DEPENDS = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
]
DEB_RECOMMENDS = ["gnome-keyring | kwalletmanager"]


def version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return str(project["version"])


def megabytes(path: Path) -> str:
    if path.is_dir():
        total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    else:
        total = path.stat().st_size
    return f"{total / 1_000_000:.0f} MB"


def pyinstaller() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(PACKAGING / "boundary-desk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / "boundary-desk"


def notices(bundle: Path) -> None:
    """The app's own licence and every bundled library's notice, at the bundle's top."""
    from notices import write_notices

    folders = [bundle]
    app = DIST / "Boundary Desk.app" / "Contents" / "Resources"
    if sys.platform == "darwin" and app.is_dir():
        folders.append(app)
    for folder in folders:
        write_notices(folder, version())
        shutil.copyfile(ROOT / "LICENSE", folder / "LICENSE")


def _share_files() -> list[tuple[Path, str]]:
    """(source, path under /usr/share) for the desktop integration files."""
    files = [
        (PACKAGING / f"{APP_ID}.desktop", f"applications/{APP_ID}.desktop"),
        (PACKAGING / f"{APP_ID}.metainfo.xml", f"metainfo/{APP_ID}.metainfo.xml"),
        (ICONS / f"{APP_ID}.svg", f"icons/hicolor/scalable/apps/{APP_ID}.svg"),
    ]
    for png in sorted((ICONS / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        files.append((png, f"icons/{png.relative_to(ICONS)}"))
    return files


def _libc_floor() -> str:
    """The bundle's binaries need at least the glibc they were built against."""
    import platform

    _, found = platform.libc_ver()
    return f"libc6 (>= {found})" if found else "libc6"


def tarball(bundle: Path, arch: str) -> Path:
    """The bundle folder plus share/ (to copy under ~/.local/share or /usr/share)."""
    out = DIST / f"boundary-desk-{version()}-linux-{arch}.tar.gz"
    top = f"boundary-desk-{version()}"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top)
        for source, target in _share_files():
            tar.add(source, arcname=f"{top}/share/{target}")
        tar.add(ROOT / "LICENSE", arcname=f"{top}/LICENSE")
    return out


def deb(bundle: Path, arch: str) -> Path:
    stage = BUILD / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / "opt" / "boundary-desk"
    # Hard links: the bundle is hundreds of MB and dpkg-deb only reads it.
    shutil.copytree(bundle, opt, symlinks=True, copy_function=os.link)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "boundary-desk").symlink_to("/opt/boundary-desk/boundary-desk")
    share = stage / "usr" / "share"
    for source, target in _share_files():
        dest = share / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    doc = share / "doc" / "boundary-desk"
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
    for folder in [stage, *stage.rglob("*")]:
        if folder.is_symlink():
            continue
        if folder.is_dir() or os.access(folder, os.X_OK):
            folder.chmod(0o755)
        else:
            folder.chmod(0o644)
    installed_kb = (
        sum(f.stat().st_size for f in stage.rglob("*") if f.is_file() and not f.is_symlink())
        // 1024
    )
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "\n".join(
            [
                "Package: boundary-desk",
                f"Version: {version()}",
                f"Architecture: {arch}",
                "Maintainer: The Boundary Desk authors <maintainers@boundarydesk.org>",
                f"Installed-Size: {installed_kb}",
                f"Depends: {', '.join([_libc_floor(), *DEB_DEPENDS])}",
                f"Recommends: {', '.join(DEB_RECOMMENDS)}",
                "Section: misc",
                "Priority: optional",
                "Homepage: https://boundarydesk.org",
                "Description: Professional boundaries around between-session contact",
                " Communication agreements, a quick contact log, after-hours warnings and",
                " a weekly self-review for clinicians in private practice. Everything",
                " stays encrypted on this computer.",
                "",
            ]
        )
    )
    control.chmod(0o644)
    out = DIST / f"boundary-desk_{version()}_{arch}.deb"
    subprocess.run(
        # zstd: dpkg reads it on every system new enough for the bundle's glibc, and it
        # packs in seconds where gzip -9 takes minutes.
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(stage), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage)
    return out


def main() -> int:
    started = time.monotonic()
    bundle = pyinstaller()
    notices(bundle)
    built = time.monotonic()
    print(f"bundle   {bundle.relative_to(ROOT)}  {megabytes(bundle)}  ({built - started:.0f} s)")
    if sys.platform == "darwin":
        app = DIST / "Boundary Desk.app"
        print(f"app      {app.relative_to(ROOT)}  {megabytes(app)}")
    if sys.platform.startswith("linux"):
        arch = subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
        for make in (tarball, deb):
            begun = time.monotonic()
            out = make(bundle, arch)
            took = time.monotonic() - begun
            print(f"{make.__name__:<8} {out.relative_to(ROOT)}  {megabytes(out)}  ({took:.0f} s)")
    print(f"total    {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
