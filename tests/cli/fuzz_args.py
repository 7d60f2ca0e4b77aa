"""Command lines for fuzzing, drawn from the argparse parser itself.

Every leaf command and every option comes from `build_parser()`, so an option added
tomorrow is fuzzed without anyone touching the tests. Values are chosen by what the
option holds (a date, a path, a number, a client, free text), each mixed with the
extremes that have broken command lines before: years 0001 and 9999, undecodable bytes
(as the lone surrogates Python turns them into), huge numbers, NUL, markup.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from boundary_desk.cli.parser import build_parser
from boundary_desk.domain.practice_settings import SETTINGS

# b"\xff\xfe" as Python decodes it from argv (surrogateescape).
UNDECODABLE = "\udcff\udcfe"
DATES = [
    *("0001-01-01", "9999-12-31", "0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31"),
    *("9999-12-31T23:59+14:00", "0001-01-01T00:00-12:00", "2026-11-20", "2026-11-20 22:40"),
    *("9999-W52", "0001-W01", "2026-W47", "2026-W53", "22:40", "20 min ago", "now", "2200-01-01"),
]  # fmt: skip
NUMBERS = ["0", "-1", "1", "9" * 30, "-" + "9" * 30, str(2**63), str(2**31), "1e9", "nan"]
EXTREMES = [UNDECODABLE, "", " ", "\x00", "-", "--", "<b>x</b> & y", "\u202e", "x" * 300]
DATE_METAVARS = {"YYYY-MM-DD", "YYYY-Www", "WHEN"}
PATH_METAVARS = {"FILE", "DIR", "BACKUP"}

Values = Callable[[argparse.Action], st.SearchStrategy[str]]


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]
    parser: argparse.ArgumentParser

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def actions(self) -> list[argparse.Action]:
        return [a for a in self.parser._actions if not isinstance(a, argparse._HelpAction)]


def leaf_commands(parser: argparse.ArgumentParser | None = None) -> list[Command]:
    """Every runnable command (e.g. `client add`), with the parser that reads its options."""
    found: list[Command] = []

    def walk(node: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        subs = [a for a in node._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append(Command(words, node))
            return
        for name, child in subs[0].choices.items():
            walk(child, (*words, name))

    walk(parser or build_parser(), ())
    return found


def top_level_options() -> list[argparse.Action]:
    """Options before the command (e.g. --data-dir), except --help and --version."""
    return [
        a
        for a in build_parser()._actions
        if a.option_strings and a.nargs != 0 and not isinstance(a, argparse._SubParsersAction)
    ]


def typed_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(EXTREMES),
        st.text(max_size=40),
        st.text(max_size=8).map(lambda t: t + UNDECODABLE),
    )


def value_kind(action: argparse.Action) -> str:
    """What an option holds, judged from its declaration."""
    if action.choices:
        return "choice"
    if action.type is not None and action.type is not str:  # int, or a bounded number
        return "number"
    if action.metavar in DATE_METAVARS:
        return "date"
    if action.metavar in PATH_METAVARS:
        return "path"
    if action.dest in ("client", "name") and not action.option_strings:
        return "name"
    if action.dest == "key" and not action.option_strings:
        return "setting"
    return "text"


def values_for(paths: list[str], names: list[str]) -> Values:
    """A value strategy per option, given paths and names (clients, clauses) worth trying."""
    by_kind: dict[str, st.SearchStrategy[str]] = {
        "number": st.sampled_from(NUMBERS) | st.integers().map(str),
        "date": st.sampled_from(DATES),
        "path": st.sampled_from(paths),
        "name": st.sampled_from(names),
        "setting": st.sampled_from([spec.key for spec in SETTINGS]),
        "text": typed_text(),
    }

    def strategy(action: argparse.Action) -> st.SearchStrategy[str]:
        kind = value_kind(action)
        if kind == "choice":
            assert action.choices is not None
            usual = st.sampled_from([str(c) for c in action.choices])
        else:
            usual = by_kind[kind]
        # Mostly plausible values, so commands get past argparse and run for real.
        return st.one_of(usual, usual, usual, typed_text())

    return strategy


@st.composite
def command_line(draw: st.DrawFn, command: Command, values: Values) -> list[str]:
    """One command line for `command`: its words, its positionals, a subset of options."""
    argv = list(command.words)
    for action in command.actions():
        required = action.required or not action.option_strings
        if not required and not draw(st.booleans()):
            continue
        if not action.option_strings:
            if action.nargs == "?" and not draw(st.booleans()):
                continue
            argv.append(draw(values(action)))
        elif action.nargs == 0:
            argv.append(action.option_strings[-1])
        else:
            argv += [action.option_strings[-1], draw(values(action))]
    return argv
