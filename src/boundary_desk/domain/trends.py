"""Trend warnings: after-hours contact rising for a client, and drift across the practice.

Each rule looks at the last TREND_WEEKS weeks and needs three things at once:
- enough after-hours contact to mean something (a single late text is not a trend);
- a significant Mann–Kendall rise (one-sided p < 0.05);
- the latest weeks above that client's (or the practice's) own earlier baseline.
Every message states the numbers it rests on, in the app's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean, median

from boundary_desk.domain.trend_tests import mann_kendall, theil_sen_slope
from boundary_desk.domain.weekly import WeekFigures
from boundary_desk.system.i18n import _, current_language, ngettext

TREND_WEEKS = 8
RECENT_WEEKS = 3
SIGNIFICANCE = 0.05
MIN_CLIENT_AFTER_HOURS = 4
MIN_PRACTICE_AFTER_HOURS = 6
MIN_PRACTICE_MINUTES = 60


@dataclass(frozen=True)
class TrendFinding:
    code: str
    message: str
    values: tuple[int, ...]
    tau: float
    p: float
    slope: float


def _rising(values: Sequence[int], minimum_total: int) -> tuple[bool, float, float, float]:
    result = mann_kendall(values)
    baseline = median(values[:-RECENT_WEEKS]) if len(values) > RECENT_WEEKS else 0
    recent = mean(values[-RECENT_WEEKS:]) if values else 0
    rising = sum(values) >= minimum_total and result.p_rising < SIGNIFICANCE and recent > baseline
    return rising, result.tau, result.p_rising, theil_sen_slope(values)


def _fixed(value: float, places: int) -> str:
    """ "0.52"; "0,52" in French, which writes a decimal comma."""
    written = f"{value:.{places}f}"
    return written.replace(".", ",") if current_language() == "fr" else written


def _numbers(values: Sequence[int], tau: float, p: float) -> str:
    listed = ("; " if current_language() == "fr" else ", ").join(str(v) for v in values)
    return ngettext(
        "{values} over the last {weeks} week (Mann–Kendall τ = {tau}, p = {p})",
        "{values} over the last {weeks} weeks (Mann–Kendall τ = {tau}, p = {p})",
        len(values),
    ).format(values=listed, weeks=len(values), tau=_fixed(tau, 2), p=_fixed(p, 3))


def client_after_hours_trend(code: str, series: Sequence[WeekFigures]) -> TrendFinding | None:
    values = tuple(f.after_hours for f in series[-TREND_WEEKS:])
    rising, tau, p, slope = _rising(values, MIN_CLIENT_AFTER_HOURS)
    if not rising:
        return None
    return TrendFinding(
        "after_hours_trend",
        _(
            "After-hours contact from {client} is rising against their own baseline: "
            "after-hours contacts {numbers}."
        ).format(client=code, numbers=_numbers(values, tau, p)),
        values,
        tau,
        p,
        slope,
    )


def practice_drift(series: Sequence[WeekFigures]) -> TrendFinding | None:
    window = series[-TREND_WEEKS:]
    after = tuple(f.after_hours for f in window)
    rising, tau, p, slope = _rising(after, MIN_PRACTICE_AFTER_HOURS)
    if rising:
        return TrendFinding(
            "practice_after_hours_drift",
            _("Across your practice, after-hours contact is drifting up: {numbers}.").format(
                numbers=_numbers(after, tau, p)
            ),
            after,
            tau,
            p,
            slope,
        )
    minutes = tuple(f.minutes for f in window)
    rising, tau, p, slope = _rising(minutes, MIN_PRACTICE_MINUTES)
    if rising:
        return TrendFinding(
            "practice_after_hours_drift",
            _(
                "The time you spend on between-session contact is rising, a burnout signal: "
                "minutes per week {numbers}."
            ).format(numbers=_numbers(minutes, tau, p)),
            minutes,
            tau,
            p,
            slope,
        )
    return None
