"""Trend warnings: after-hours contact rising for a client, and drift across the practice.

Each rule looks at the last TREND_WEEKS weeks and needs three things at once:
- enough after-hours contact to mean something (a single late text is not a trend);
- a significant Mann–Kendall rise (one-sided p < 0.05);
- the latest weeks above that client's (or the practice's) own earlier baseline.
Every message states the numbers it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean, median

from boundary_desk.domain.trend_tests import mann_kendall, theil_sen_slope
from boundary_desk.domain.weekly import WeekFigures

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


def _numbers(values: Sequence[int], tau: float, p: float) -> str:
    listed = ", ".join(str(v) for v in values)
    return f"{listed} over the last {len(values)} weeks (Mann–Kendall τ = {tau:.2f}, p = {p:.3f})"


def client_after_hours_trend(code: str, series: Sequence[WeekFigures]) -> TrendFinding | None:
    values = tuple(f.after_hours for f in series[-TREND_WEEKS:])
    rising, tau, p, slope = _rising(values, MIN_CLIENT_AFTER_HOURS)
    if not rising:
        return None
    return TrendFinding(
        "after_hours_trend",
        f"After-hours contact from {code} is rising against their own baseline: "
        f"after-hours contacts {_numbers(values, tau, p)}.",
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
            f"Across your practice, after-hours contact is drifting up: {_numbers(after, tau, p)}.",
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
            "The time you spend on between-session contact is rising, a burnout signal: "
            f"minutes per week {_numbers(minutes, tau, p)}.",
            minutes,
            tau,
            p,
            slope,
        )
    return None
