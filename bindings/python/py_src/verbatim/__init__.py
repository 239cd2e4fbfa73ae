"""verbatim: find every direct quotation, who said it, and how its wording drifts.

Every function returns, as a dict, exactly what the ``verbatim`` command prints with
``--format json`` (the JSON contract of the repository's README): ``extract_files`` what
``verbatim extract`` prints, ``compare_files`` ``verbatim compare``, ``check_files``
``verbatim check``. Paths are files or folders (read recursively, each folder's entries in
name order: ``.txt``, ``.html``, ``.md`` files and their kin), and documents are named as the
command names them (the file stem, unique within the run).

Errors are exceptions: :class:`Error`, with :class:`InputError` (a file that cannot be read
or decoded, with its path, line and column) and :class:`GrammarError` under it. Where the
command reports an unreadable file and goes on (exit status 2), these functions raise
:class:`InputError` for the first one. What the command only notes on standard error
(bytes replaced, files passed over, a file with no text) is not reported.

The GIL is released while verbatim reads and works, so threads run in parallel; a
:class:`Checker` may be shared between threads.

>>> import verbatim
>>> doc = verbatim.extract("“We will rebuild,” Mayor Ana Ruiz said.\\n")
>>> doc["quotes"][0]["speaker"]["name"]
'Ana Ruiz'
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _verbatim
from ._errors import Error, GrammarError, InputError

__all__ = [
    "Checker",
    "Error",
    "GrammarError",
    "InputError",
    "check_files",
    "compare_files",
    "extract",
    "extract_files",
]

__version__: str = _verbatim.VERSION

#: A path: a ``str`` or an ``os.PathLike``.
StrPath = Union[str, "os.PathLike[str]"]
#: One path, or several.
Paths = Union[StrPath, Iterable[StrPath]]


def _paths(paths: Paths) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def extract_files(
    paths: Paths,
    *,
    input_format: Optional[str] = None,
    encoding: Optional[str] = None,
) -> Dict[str, Any]:
    """Every quotation of every file: what ``verbatim extract --format json PATHS`` prints.

    Args:
        paths: files or folders (read recursively), or one of them.
        input_format: ``"text"``, ``"html"``, ``"markdown"`` or ``"transcript"`` (WebVTT, SRT,
            an official transcript or a transcription app's export) to read every file as that
            format; ``None`` (the default) lets each file's extension decide.
        encoding: a WHATWG label (``"windows-1252"``, ``"iso-8859-2"``, ``"shift_jis"``) to
            read every file in that encoding, as ``--encoding``; ``None`` (the default) reads
            UTF-8 and UTF-16, and detects the encoding of other bytes.

    Returns:
        ``{"documents": [...]}``, one document per file in the walk's order.

    Raises:
        InputError: for the first file that cannot be read or decoded (the command names
            it, goes on with the others and exits 2).
        ValueError: for an unknown ``input_format`` or ``encoding`` label.
    """
    return json.loads(_verbatim.extract_files(_paths(paths), input_format, encoding))


def compare_files(
    paths: Paths,
    *,
    input_format: Optional[str] = None,
    encoding: Optional[str] = None,
) -> Dict[str, Any]:
    """The same quotations lined up across files: what ``verbatim compare --format json PATHS`` prints.

    Args:
        paths: files or folders (read recursively), or one of them.
        input_format: as for :func:`extract_files`.
        encoding: as for :func:`extract_files`.

    Returns:
        ``{"documents": [...], "clusters": [...]}``.

    Raises:
        InputError: for the first file that cannot be read or decoded (the command names
            it, compares the others and exits 2).
        ValueError: for an unknown ``input_format`` or ``encoding`` label.
    """
    return json.loads(_verbatim.compare_files(_paths(paths), input_format, encoding))


def check_files(
    draft: StrPath,
    sources: Paths,
    *,
    policy: str = "standard",
    input_format: Optional[str] = None,
    encoding: Optional[str] = None,
) -> Dict[str, Any]:
    """A draft's quotations checked against sources: what
    ``verbatim check --format json DRAFT --against SOURCES --policy POLICY`` prints.

    To check many drafts against the same sources, build a :class:`Checker` once.

    Args:
        draft: the draft file.
        sources: source files or folders (read recursively), or one of them.
        policy: ``"strict"``, ``"standard"``, ``"permissive"``, or a policy file's path.
        input_format: as for :func:`extract_files`.
        encoding: as for :func:`extract_files`.

    Returns:
        The check report: ``{"path": ..., "policy": ..., "quotes": [...], "summary": ...}``.

    Raises:
        InputError: for a draft, or the first source, that cannot be read or decoded (the
            command reports without that source and exits 2).
        GrammarError: for a policy file with mistakes.
        Error: for a policy that is neither a name the grammar knows nor a file; for a
            draft with no text, or sources in which no file is found (a gate never passes
            on nothing: the command exits 2 with no report).
        ValueError: for an unknown ``input_format`` or ``encoding`` label.
    """
    report = _verbatim.check_files(os.fspath(draft), _paths(sources), policy, input_format, encoding)
    return json.loads(report)


def extract(text: str, *, id: str = "-", input_format: str = "text") -> Dict[str, Any]:
    """Every quotation of one document in memory: one document of :func:`extract_files`.

    Args:
        text: the document.
        id: its name in the result (``"id"`` and ``"path"``).
        input_format: ``"text"`` (the default), ``"html"``, ``"markdown"`` or ``"transcript"``
            (a transcript's turns are quotations of kind ``"turn"`` with their ``"time"``).

    Returns:
        The document: ``{"id": ..., "path": ..., "quotes": [...], "problems": [...]}``;
        offsets are byte offsets into ``text`` encoded as UTF-8.

    Raises:
        InputError: for text that holds NUL bytes (binary, as the command refuses it).
        ValueError: for an unknown ``input_format``.
    """
    return json.loads(_verbatim.extract(text, id, input_format))


class Checker:
    """Sources read, extracted and indexed once, to check many drafts against them.

    Built for a content system that checks every draft of a story before it is published:
    building reads the sources, checking a draft is then quick. A checker never changes once
    built and may be used from many threads at once (the GIL is released while it works).

    >>> checker = verbatim.Checker(["sources/"], policy="strict")  # doctest: +SKIP
    >>> report = checker.check("drafts/pier.md")                     # doctest: +SKIP
    >>> [q["verdict"] for q in report["quotes"]]                     # doctest: +SKIP
    ['verified', 'edited', 'drift']
    """

    def __init__(
        self,
        sources: Paths,
        *,
        policy: str = "standard",
        input_format: Optional[str] = None,
        encoding: Optional[str] = None,
    ) -> None:
        """Reads, extracts and indexes the sources.

        Args:
            sources: source files or folders (read recursively), or one of them.
            policy: ``"strict"``, ``"standard"``, ``"permissive"``, or a policy file's path.
            input_format: as for :func:`extract_files`; also how :meth:`check` reads drafts.
            encoding: as for :func:`extract_files`.

        Raises:
            InputError: for the first source that cannot be read or decoded.
            GrammarError: for a policy file with mistakes.
            Error: for a policy that is neither a name the grammar knows nor a file, or
                sources in which no file is found.
            ValueError: for an unknown ``input_format`` or ``encoding`` label.
        """
        self._native = _verbatim.Checker(_paths(sources), policy, input_format, encoding)

    @property
    def policy(self) -> str:
        """The name of the policy in use."""
        return self._native.policy

    def check(self, path: StrPath) -> Dict[str, Any]:
        """A draft file checked: what ``verbatim check --format json`` prints for it.

        Raises:
            InputError: for a draft that cannot be read or decoded.
            Error: for a draft with no text.
        """
        return json.loads(self._native.check(os.fspath(path)))

    def check_text(self, text: str, *, id: str = "-", input_format: str = "text") -> Dict[str, Any]:
        """A draft in memory checked: the report of :meth:`check`, the draft named ``id``
        (its ``"draft"`` and its ``"path"``, which a draft from memory does not have).

        Raises:
            InputError: for text that holds NUL bytes.
            Error: for a draft with no text.
            ValueError: for an unknown ``input_format``.
        """
        return json.loads(self._native.check_text(text, id, input_format))

    def __repr__(self) -> str:
        return f"verbatim.Checker(policy={self.policy!r})"
