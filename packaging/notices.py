"""THIRD-PARTY-NOTICES.txt: every library the frozen app carries, its licence and its text.

The bundle ships the runtime lock's packages (requirements/runtime.txt). Each one's
licence is read from its installed metadata (License-Expression, else the License
field when it is a short name, else its trove classifiers) and its licence files
(LICENSE, COPYING, NOTICE and the like, from the dist-info folder). A package the lock
names only for another platform (pywin32-ctypes on Windows) is listed as such.

Run by packaging/build.py after PyInstaller, into the bundle's top folder, so the .tar.gz
and the .deb (under /opt/boundary-desk) carry it. `python packaging/notices.py OUT` writes
it on its own.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
FILE_NAME = "THIRD-PARTY-NOTICES.txt"
_LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
_RULE = "=" * 78
_LGPL3 = "GNU LESSER GENERAL PUBLIC LICENSE"
# Qt for Python installs no licence file of its own; where its source is offered.
_SOURCES = {
    "pyside6-essentials": "https://download.qt.io/official_releases/QtForPython/",
    "shiboken6": "https://download.qt.io/official_releases/QtForPython/",
}


@dataclass(frozen=True)
class Notice:
    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]  # (file name, text)
    installed: bool = True


def locked_packages(lock: Path = RUNTIME_LOCK) -> list[tuple[str, str]]:
    """(name, version) for every package pinned in `lock`, in its order."""
    found: list[tuple[str, str]] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _LOCKED.match(line.strip())
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def licence_of(dist: metadata.Distribution) -> str:
    """The package's licence in a few words, from the most precise field it fills in."""
    meta = dist.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80 and field.upper() != "UNKNOWN":
        return field
    classifiers = [
        c.rsplit("::", 1)[1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return "; ".join(classifiers)
    return "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """Every licence-like file the distribution installed, read as text."""
    texts: list[tuple[str, str]] = []
    for file in dist.files or ():
        parts = Path(str(file)).parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        if not any(_LICENCE_FILE.search(part) for part in parts[1:]):
            continue
        raw = Path(str(dist.locate_file(file))).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # a few licence files are Latin-1 ("\xa9 2019")
            text = raw.decode("latin-1")
        if text.strip():
            texts.append(("/".join(parts[1:]), text.strip()))
    return tuple(sorted(texts))


def notice(name: str, version: str) -> Notice:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return Notice(name, version, "not installed on this platform", (), installed=False)
    return Notice(name, dist.version, licence_of(dist), licence_texts(dist))


def render(notices: list[Notice], app_version: str) -> str:
    lines = [
        f"Boundary Desk {app_version}: third-party notices",
        "",
        "Boundary Desk is free software under the GNU General Public License, version 3 or",
        "later (see LICENSE). It is built with the libraries below, each under its own",
        "licence. The LGPL libraries (Qt for Python among them) are used unmodified, as",
        "separate files in this folder that can be replaced.",
        "",
    ]
    width = max(len(n.name) for n in notices)
    for n in notices:
        lines.append(f"  {n.name:<{width}}  {n.version:<12}  {n.licence}")
    lgpl_with = next(
        (n.name for n in notices for _, text in n.texts if _LGPL3 in text and "Version 3" in text),
        None,
    )
    for n in notices:
        if not n.installed:
            continue
        lines += ["", _RULE, f"{n.name} {n.version}: {n.licence}", _RULE]
        if not n.texts:
            lines += ["", "This package installs no licence file; its licence is named above."]
            if "LGPL-3.0" in n.licence and lgpl_with:
                lines.append(
                    f"The GNU LGPL version 3 is printed in full under {lgpl_with}, and the GNU"
                    " GPL version 3 is Boundary Desk's own LICENSE."
                )
            if n.name in _SOURCES:
                lines.append(f"Its source code: {_SOURCES[n.name]}")
        for file_name, text in n.texts:
            lines += ["", f"--- {file_name} ---", "", text]
    return "\n".join(lines) + "\n"


def write_notices(folder: Path, app_version: str, lock: Path = RUNTIME_LOCK) -> Path:
    """Write THIRD-PARTY-NOTICES.txt into `folder`; refuses a package with no licence."""
    notices = [notice(name, version) for name, version in locked_packages(lock)]
    unknown = [n.name for n in notices if n.installed and not n.texts and "see" in n.licence]
    unknown += [n.name for n in notices if n.installed and not n.texts and n.name not in _SOURCES]
    if unknown:
        raise SystemExit(f"no licence found for: {', '.join(unknown)}")
    out = folder / FILE_NAME
    out.write_text(render(notices, app_version), encoding="utf-8")
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import version

    print(write_notices(Path(sys.argv[1]), version()))
