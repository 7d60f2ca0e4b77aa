import math

import pytest

from boundary_desk.domain.trend_tests import mann_kendall, theil_sen_slope

SERIES = [
    [0, 0, 1, 1, 2, 3, 3, 4],
    [0, 0, 0, 0, 0, 0, 0, 1],
    [3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 3, 2, 1, 1, 0, 0],
    [1, 0, 2, 1, 0, 1, 2, 1],
    [0, 5, 0, 0, 6, 0, 0, 7],
]


def test_a_steady_rise_is_significant() -> None:
    result = mann_kendall([0, 0, 1, 1, 2, 3, 3, 4])
    assert result.s == 25
    assert result.p_rising < 0.01
    assert theil_sen_slope([0, 0, 1, 1, 2, 3, 3, 4]) == pytest.approx(0.6)


def test_flat_and_falling_series_are_not_rising() -> None:
    assert mann_kendall([3] * 8).p_rising == 1.0
    assert mann_kendall([4, 3, 3, 2, 1, 1, 0, 0]).p_rising > 0.99


def test_one_late_text_is_not_a_trend() -> None:
    assert mann_kendall([0, 0, 0, 0, 0, 0, 0, 1]).p_rising > 0.05


def test_too_short_series_say_nothing() -> None:
    assert mann_kendall([0, 5]).p_rising == 1.0
    assert theil_sen_slope([2]) == 0.0


@pytest.mark.parametrize("values", SERIES)
def test_agrees_with_scipy(values: list[int]) -> None:
    stats = pytest.importorskip("scipy.stats", reason="scipy is only a cross-check")
    weeks = list(range(len(values)))
    expected = stats.kendalltau(weeks, values).statistic
    result = mann_kendall(values)
    if math.isnan(expected):
        assert result.tau == 0.0
    else:
        assert result.tau == pytest.approx(expected)
    assert theil_sen_slope(values) == pytest.approx(stats.theilslopes(values, weeks).slope)
