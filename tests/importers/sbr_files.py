"""Small SMS Backup & Restore files written by the tests themselves, in tmp_path."""

from __future__ import annotations

from pathlib import Path

HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"


def sms(body: str = "hello", *, date: str = "1700000000000", kind: str = "1") -> str:
    return (
        f'  <sms protocol="0" address="+15550000001" date="{date}" type="{kind}" '
        f'body="{body}" read="1" contact_name="Contact A" />\n'
    )


def mms(addrs: list[tuple[str, str]], *, box: str = "1", data: str = "", text: str = "hi") -> str:
    parts = f'<part seq="0" ct="text/plain" text="{text}" />'
    if data:
        parts += f'<part seq="1" ct="image/jpeg" name="a.jpg" data="{data}" />'
    addresses = "".join(f'<addr address="{a}" type="{t}" charset="106" />' for a, t in addrs)
    joined = "~".join(a for a, t in addrs if t != "137")
    return (
        f'  <mms date="1700000000000" msg_box="{box}" address="{joined}" '
        f'contact_name="(Unknown)"><parts>{parts}</parts><addrs>{addresses}</addrs></mms>\n'
    )


def backup(tmp_path: Path, *records: str, count: int | None = None, name: str = "sms.xml") -> Path:
    declared = len(records) if count is None else count
    path = tmp_path / name
    path.write_text(
        f'{HEAD}<smses count="{declared}">\n{"".join(records)}</smses>\n', encoding="utf-8"
    )
    return path
