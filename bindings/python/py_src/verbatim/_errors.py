"""The exceptions of verbatim (raised by the native module, re-exported by ``verbatim``)."""

from __future__ import annotations

from typing import Iterable, Optional

__all__ = ["Error", "InputError", "GrammarError"]


class Error(Exception):
    """Anything verbatim cannot do: the base of its exceptions.

    Raised as itself for a policy name that is neither one of the grammar's
    (``strict``, ``standard``, ``permissive``) nor a policy file.
    """


class InputError(Error):
    """A file that cannot be read or decoded, or a folder that cannot be listed.

    Where the command names such a file on standard error, goes on with the others and
    exits with status 2, verbatim's functions raise this for the first one, in input order.

    Attributes:
        path: the path as given (or found in a folder), when known.
        line: the 1-based line of the first byte that cannot be decoded, when known.
        column: its 1-based column, in characters, when known.
    """

    path: Optional[str]
    line: Optional[int]
    column: Optional[int]

    def __init__(
        self,
        message: str,
        path: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column


class GrammarError(Error):
    """A grammar or policy file with mistakes (every one is listed, as ``file:line:column: …``).

    Attributes:
        errors: one message per mistake.
    """

    errors: list[str]

    def __init__(self, message: str, errors: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)
