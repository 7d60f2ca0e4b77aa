"""Exports written by the import tests themselves, in tmp_path, with chosen numbers and times."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"


def millis(when: datetime) -> int:
    return int(when.astimezone(UTC).timestamp() * 1000)


def sms(address: str, when: datetime, body: str = "hello", *, out: bool = False) -> str:
    kind = "2" if out else "1"
    return (
        f'  <sms protocol="0" address="{escape(address)}" date="{millis(when)}" type="{kind}" '
        f'body="{escape(body)}" read="1" contact_name="(Unknown)" />\n'
    )


def group_mms(
    sender: str, others: list[str], when: datetime, text: str = "hi", *, out: bool = False
) -> str:
    addrs = [] if out else [(sender, "137")]
    addrs += [(a, "151") for a in others]
    joined = "~".join(a for a, _ in addrs)
    rows = "".join(f'<addr address="{escape(a)}" type="{t}" charset="106" />' for a, t in addrs)
    return (
        f'  <mms date="{millis(when)}" msg_box="{2 if out else 1}" address="{escape(joined)}" '
        f'contact_name="(Unknown)"><parts><part seq="0" ct="text/plain" text="{escape(text)}" />'
        f'<part seq="1" ct="image/jpeg" name="a.jpg" data="QUJD" /></parts>'
        f"<addrs>{rows}</addrs></mms>\n"
    )


def call(number: str, when: datetime, seconds: int, kind: str = "1") -> str:
    return (
        f'  <call number="{escape(number)}" duration="{seconds}" date="{millis(when)}" '
        f'type="{kind}" />\n'
    )


def messages(tmp_path: Path, *records: str, name: str = "sms.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        f'{HEAD}<smses count="{len(records)}">\n{"".join(records)}</smses>\n', encoding="utf-8"
    )
    return path


def calls(tmp_path: Path, *records: str, name: str = "calls.xml") -> Path:
    path = tmp_path / name
    path.write_text(
        f'{HEAD}<calls count="{len(records)}">\n{"".join(records)}</calls>\n', encoding="utf-8"
    )
    return path
