"""Expected failures, each carrying one sentence a clinician can act on.

Anything raised as a `UserFacingError` is shown as its message (never a traceback)
and makes the CLI exit with status 2. The message must never contain client data
beyond what the user just typed.
"""


class UserFacingError(Exception):
    """An expected failure with a message fit to show as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(UserFacingError):
    """A value the user typed was refused; the message says what is accepted."""


class NotFound(UserFacingError):
    """The thing the user named does not exist."""


class AlreadyDone(UserFacingError):
    """What the user asked for was done before, and is kept as it was then (a clinical
    record is never silently rewritten)."""
