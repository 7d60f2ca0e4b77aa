"""The small wording helpers every front door shares."""

from __future__ import annotations

from boundary_desk.domain.words import capitalised, counted


def test_a_line_starts_with_a_capital_and_keeps_the_rest_as_written() -> None:
    assert capitalised("vendredi à 22 h 40, Ana Lima") == "Vendredi à 22 h 40, Ana Lima"
    assert capitalised("été") == "Été"
    assert capitalised("יום שישי") == "יום שישי"  # Hebrew has no capitals
    assert capitalised("") == ""


def test_a_count_takes_its_noun_in_the_number_it_needs() -> None:
    assert counted(1, "client", "clients") == "1 client"
    assert counted(0, "client", "clients") == "0 clients"
