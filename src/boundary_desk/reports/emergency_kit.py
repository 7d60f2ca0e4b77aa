"""The Emergency Kit: one printed page holding the recovery key for a vault.

It is the only way back in if the keychain entry or the passphrase is lost, so it
is plain and calm: the key large and unmistakable, then the facts needed to use
it and the steps to follow.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    ListFlowable,
    Spacer,
    Table,
    TableStyle,
)

from boundary_desk.domain.vocabulary import calendar_names
from boundary_desk.reports.document import PageSize, build_pdf, content_size
from boundary_desk.reports.fonts import MONO, SANS
from boundary_desk.reports.text import Paragraph, para_text
from boundary_desk.reports.theme import INK, MUTED, RULE, TINT, ReportStyles, report_styles

TITLE = "Boundary Desk — Emergency Kit"
INTRO = (
    "This sheet unlocks your Boundary Desk vault if the system keychain entry or your "
    "passphrase is lost. Keep it somewhere safe and private, like a locked drawer; anyone "
    "holding it together with your laptop can read your records."
)
KEY_MODES = {
    "keychain": ("System keychain", "This computer's keychain unlocks the vault when you log in."),
    "passphrase": ("Master passphrase", "You type your master passphrase to unlock the vault."),
}
STEPS = (
    "Open Boundary Desk on the computer that holds the data folder above.",
    "On the unlock screen, choose “Use recovery key”.",
    "Type the recovery key exactly as printed above.",
    "Set a new passphrase. Your records open as they were.",
)
TERMINAL_INTRO = "Or, from a terminal, run this and type the recovery key when it asks:"
TERMINAL_COMMAND = "boundary-desk recover"
TERMINAL_NOTE = (
    "The key is not shown as you type. A script can set BOUNDARY_DESK_RECOVERY_KEY instead. "
    "Never put the key on the command line, where shell history and other users can see it."
)
_NAME_LIMIT = 120  # a name longer than this is a paste accident; keep the page to one
_KEY_PADDING = 5 * mm
_WRITING_LINE = colors.HexColor("#D9DEE3")


def emergency_kit_pdf(
    *,
    recovery_key: str,
    vault_id: str,
    created_at: datetime,
    data_dir: str,
    key_mode: str,
    clinician: str = "",
    practice: str = "",
    pagesize: PageSize = A4,
) -> bytes:
    """The one-page Emergency Kit PDF for a vault, as bytes."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    if key_mode not in KEY_MODES:
        raise ValueError(f"key_mode must be one of {sorted(KEY_MODES)}, not {key_mode!r}")
    if not recovery_key.strip():
        raise ValueError("recovery_key is empty")
    created = long_date(created_at.astimezone())  # the date on the clinician's own clock
    styles = report_styles()
    width, height = content_size(pagesize)
    content = [
        *_heading(styles, clinician, practice),
        Paragraph("Recovery key", styles.heading),
        Spacer(1, 2 * mm),
        _key_box(recovery_key, width),
        Spacer(1, 1.5 * mm),
        Paragraph("Capitals and dashes are optional when you type it.", styles.small),
        Spacer(1, 6 * mm),
        _details(
            styles, width, vault_id=vault_id, created=created, data_dir=data_dir, key_mode=key_mode
        ),
        Spacer(1, 6 * mm),
        *_how_to_recover(styles),
        Spacer(1, 6 * mm),
    ]
    # However long the inputs, the kit stays one page: the text shrinks before the
    # notes box would be pushed over.
    fitted = KeepInFrame(width, height - NotesBox.MIN_HEIGHT, content, mode="shrink")
    return build_pdf(
        [fitted, NotesBox()],
        title=TITLE,
        footer_left=f"Emergency Kit · created {created}",
        pagesize=pagesize,
    )


def _heading(styles: ReportStyles, clinician: str, practice: str) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(para_text(TITLE), styles.title)]
    prepared_for = " · ".join(_clip(name) for name in (clinician, practice) if name.strip())
    if prepared_for:
        story += [
            Spacer(1, 1 * mm),
            Paragraph("Prepared for " + para_text(prepared_for), styles.small),
        ]
    return [*story, Spacer(1, 4 * mm), Paragraph(para_text(INTRO), styles.body), Spacer(1, 4 * mm)]


def long_date(moment: datetime) -> str:
    """A date written out in full, like "22 November 2026", whatever the locale."""
    return calendar_names.long_date(moment.date())


def _clip(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= _NAME_LIMIT else name[: _NAME_LIMIT - 1].rstrip() + "…"


def _key_box(recovery_key: str, width: float) -> Table:
    # As large as fits on one line (with a little air), between 11 and 20 points;
    # a longer key wraps between groups.
    inner = width - 2 * _KEY_PADDING
    size = max(11.0, min(20.0, 0.97 * inner / stringWidth(recovery_key, MONO, 1)))
    style = ParagraphStyle(
        "bd-key",
        fontName=MONO,
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER,
        textColor=INK,
        splitLongWords=1,
    )
    lines = _key_lines(recovery_key, size, inner)
    markup = "<br/>".join(para_text(line) for line in lines)
    box = Table([[Paragraph(markup, style)]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), _KEY_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), _KEY_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5 * mm),
            ]
        )
    )
    return box


def _key_lines(recovery_key: str, size: float, inner: float) -> list[str]:
    # Break only between groups ("ABCD-" at a line's end), never inside one.
    groups = recovery_key.split("-")
    lines: list[str] = []
    current = ""
    for index, group in enumerate(groups):
        candidate = f"{current}-{group}" if current else group
        dash = "-" if index < len(groups) - 1 else ""
        if current and stringWidth(candidate + dash, MONO, size) > inner:
            lines.append(current + "-")
            current = group
        else:
            current = candidate
    return [*lines, current]


def _details(
    styles: ReportStyles,
    width: float,
    *,
    vault_id: str,
    created: str,
    data_dir: str,
    key_mode: str,
) -> Table:
    mode_name, mode_note = KEY_MODES[key_mode]
    unlock = f"{para_text(mode_name)}<br/><font color='#52606D' size='8.5'>{mode_note}</font>"
    rows = [
        ("Vault ID", Paragraph(para_text(vault_id), styles.mono)),
        ("Created", Paragraph(para_text(created), styles.body)),
        ("Data folder", Paragraph(para_text(data_dir), styles.mono)),
        ("Unlocked by", Paragraph(unlock, styles.body)),
    ]
    label_width = 32 * mm
    table = Table(
        [[Paragraph(label, styles.label), value] for label, value in rows],
        colWidths=[label_width, width - label_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
            ]
        )
    )
    return table


def _how_to_recover(styles: ReportStyles) -> list[Flowable]:
    steps = ListFlowable(
        [Paragraph(para_text(step), styles.body) for step in STEPS],
        bulletType="1",
        bulletFormat="%s.",
        bulletFontName=styles.body.fontName,
        bulletFontSize=10,
        leftIndent=6 * mm,
        bulletColor=INK,
    )
    return [
        Paragraph("How to recover", styles.heading),
        Spacer(1, 1 * mm),
        steps,
        Spacer(1, 3 * mm),
        Paragraph(para_text(TERMINAL_INTRO), styles.body),
        Spacer(1, 1 * mm),
        Paragraph(
            para_text(TERMINAL_COMMAND),
            ParagraphStyle("bd-command", styles.mono, leftIndent=6 * mm),
        ),
        Spacer(1, 1 * mm),
        Paragraph(para_text(TERMINAL_NOTE), styles.small),
    ]


class NotesBox(Flowable):  # type: ignore[misc]
    """A bordered "Notes" box, faintly ruled, filling what is left of the page."""

    MIN_HEIGHT = 20 * mm
    _RULE_GAP = 8 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = max(self.MIN_HEIGHT, avail_height - 1)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFont(SANS, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(3 * mm, self.height - 5.5 * mm, "Notes")
        canvas.setStrokeColor(_WRITING_LINE)
        canvas.setLineWidth(0.4)
        y = self.height - 6 * mm - self._RULE_GAP
        while y > 4 * mm:
            canvas.line(3 * mm, y, self.width - 3 * mm, y)
            y -= self._RULE_GAP
        canvas.restoreState()
