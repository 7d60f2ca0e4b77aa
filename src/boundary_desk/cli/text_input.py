"""Text from outside the program (arguments, variables, prompts, files) is UTF-8, or refused.

Python hands undecodable bytes in arguments and variables on as lone surrogates
(surrogateescape); left alone, they would fail much later, deep in SQLite, JSON or the
PDF engine. Each is refused here, at the edge, in one sentence.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Sequence

from boundary_desk.errors import InvalidInput

NOT_TEXT = "is not valid UTF-8 text"


def has_undecodable(text: str) -> bool:
    """Whether `text` holds a lone surrogate (an undecodable byte, or half a pair)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def require_text_arguments(argv: Sequence[str]) -> None:
    """Refuse, naming its position, the first argument that is not UTF-8 text."""
    for position, argument in enumerate(argv, start=1):
        # A real command line can't hold NUL; a caller passing one is refused the same way.
        if has_undecodable(argument) or "\x00" in argument:
            raise InvalidInput(
                f"Argument {position} {NOT_TEXT}; retype it, or rename the file it names."
            )


def text_variable(name: str) -> str | None:
    """The environment variable `name`, refused if it is not UTF-8 text."""
    value = os.environ.get(name)
    if value is not None and has_undecodable(value):
        raise InvalidInput(f"The environment variable {name} {NOT_TEXT}; nothing was changed.")
    return value


def typed(ask: Callable[[str], str], prompt: str) -> str:
    """What the person typed at `prompt` (via input or getpass), refused if not UTF-8."""
    try:
        answer = ask(prompt)
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"What was typed {NOT_TEXT}; nothing was changed.") from exc
    except EOFError as exc:
        raise InvalidInput("No answer was typed; nothing was changed.") from exc
    if has_undecodable(answer):
        raise InvalidInput(f"What was typed {NOT_TEXT}; nothing was changed.")
    return answer


def utf8_text(data: bytes, *, complete: bool, what: str) -> str:
    """Decode `data`; when it is only the start of a longer input, a character cut in
    half at the end is dropped rather than refused."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        return decoder.decode(data, final=complete)
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{what} {NOT_TEXT} (at byte {exc.start + 1}); save it as UTF-8 and try again."
        ) from exc
