"""What a change of judging settings will do, in the words the confirmation asks with."""

from __future__ import annotations

import pytest

from boundary_desk.domain.phones import NumbersReread
from boundary_desk.domain.settings_change import Rejudged

TWO_NUMBERS = NumbersReread(country="GB", numbers={1: "+442079460958", 2: ""}, unreadable=("TF4",))


def rejudged(
    *, become: int = 0, no_longer: int = 0, numbers: NumbersReread | None = None
) -> Rejudged:
    return Rejudged(
        keys=("region",),
        checked=5,
        become_after_hours=become,
        no_longer_after_hours=no_longer,
        replies_changed=0,
        numbers=numbers,
    )


@pytest.mark.parametrize(
    ("impact", "question"),
    [
        (rejudged(become=2), "Re-judge logged entries?"),
        (
            rejudged(no_longer=1, numbers=TWO_NUMBERS),
            "Re-judge logged entries and re-read phone numbers?",
        ),
        (rejudged(numbers=TWO_NUMBERS), "Re-read phone numbers?"),
    ],
)
def test_the_question_names_what_the_change_does_to_what_is_stored(
    impact: Rejudged, question: str
) -> None:
    assert impact.asks_first
    assert impact.question() == question


def test_a_change_that_moves_no_verdict_and_reads_no_number_asks_nothing() -> None:
    assert not rejudged().asks_first
