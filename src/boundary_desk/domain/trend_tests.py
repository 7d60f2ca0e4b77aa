"""Two small robust trend statistics: the Mann–Kendall test and the Theil–Sen slope.

Written out here rather than imported: scipy would bring 160 MB and a two-second
import for these few lines. tests/domain/test_trend_tests.py checks them against
scipy's results where scipy is installed.

Mann–Kendall asks whether later values tend to be larger than earlier ones, without
assuming a straight line or normal noise, so one late-night burst cannot fake a trend.
  S = Σ_{i<j} sign(x_j − x_i)
  Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18   (t: sizes of groups of tied values)
  Z = (S − 1)/√Var(S) if S > 0, (S + 1)/√Var(S) if S < 0, else 0   (continuity correction)
  p = one-sided upper-tail probability of Z (we only warn about rising contact)
  τ = S / √(n₀ (n₀ − n₁)), n₀ = n(n−1)/2, n₁ = Σ_t t(t−1)/2   (Kendall's τ-b against time)
The Theil–Sen slope is the median of all pairwise slopes (x_j − x_i)/(j − i).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from statistics import median


@dataclass(frozen=True)
class MannKendall:
    s: int
    tau: float
    z: float
    p_rising: float  # one-sided p-value for an upward trend


def mann_kendall(values: Sequence[float]) -> MannKendall:
    n = len(values)
    if n < 3:
        return MannKendall(0, 0.0, 0.0, 1.0)
    s = sum(_sign(values[j] - values[i]) for i, j in combinations(range(n), 2))
    ties = [t for t in Counter(values).values() if t > 1]
    variance = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
    if variance <= 0:
        return MannKendall(s, 0.0, 0.0, 1.0)
    z = (s - 1) / math.sqrt(variance) if s > 0 else (s + 1) / math.sqrt(variance) if s < 0 else 0.0
    n0 = n * (n - 1) / 2
    n1 = sum(t * (t - 1) / 2 for t in ties)
    tau = s / math.sqrt(n0 * (n0 - n1)) if n0 > n1 else 0.0
    p_rising = 0.5 * math.erfc(z / math.sqrt(2))
    return MannKendall(s, tau, z, p_rising)


def theil_sen_slope(values: Sequence[float]) -> float:
    slopes = [(values[j] - values[i]) / (j - i) for i, j in combinations(range(len(values)), 2)]
    return float(median(slopes)) if slopes else 0.0


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)
