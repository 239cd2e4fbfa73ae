"""Errors are exceptions: ``verbatim.Error``, with ``InputError`` and ``GrammarError`` under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

import verbatim


def test_the_exceptions_form_one_family() -> None:
    assert issubclass(verbatim.InputError, verbatim.Error)
    assert issubclass(verbatim.GrammarError, verbatim.Error)
    assert issubclass(verbatim.Error, Exception)


def test_a_missing_file_is_an_input_error_naming_it() -> None:
    with pytest.raises(verbatim.InputError, match="no-such-file.txt: cannot read") as raised:
        verbatim.extract_files(["no-such-file.txt"])
    assert (raised.value.path, raised.value.line, raised.value.column) == ("no-such-file.txt", None, None)


def test_invalid_utf8_is_an_input_error_with_its_line_and_column(tmp_path: Path) -> None:
    # UTF-8 with a bad byte (not another encoding, which would be detected and read)
    bad = tmp_path / "bad.txt"
    text = "First line: “café”, “naïve”.\nSecond ".encode()
    bad.write_bytes(text + b"\xff line.\n")
    status, _, err = run("extract", str(bad))
    assert status == 2 and f"{bad}:2:8: invalid UTF-8" in err
    with pytest.raises(verbatim.InputError) as raised:
        verbatim.extract_files([bad])
    assert (raised.value.path, raised.value.line, raised.value.column) == (str(bad), 2, 8)
    assert str(raised.value) == f"{bad}:2:8: invalid UTF-8 at byte {len(text)}"


def test_where_the_command_goes_on_and_exits_2_the_first_bad_file_is_raised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“We will rebuild,” Mayor Ana Ruiz said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"binary\x00file")
    (tmp_path / "c.txt").write_bytes(b"\xfe bad")
    for sub in ("extract", "compare"):
        status, out, err = run(sub, str(tmp_path), "--format", "json")
        assert status == 2 and "b.txt" in err and "c.txt" in err and out
    with pytest.raises(verbatim.InputError, match="binary file") as raised:
        verbatim.extract_files(tmp_path)
    assert raised.value.path == str(tmp_path / "b.txt")
    with pytest.raises(verbatim.InputError):
        verbatim.compare_files(tmp_path)
    with pytest.raises(verbatim.InputError):
        verbatim.check_files(tmp_path / "a.txt", [tmp_path])
    with pytest.raises(verbatim.InputError):
        verbatim.Checker(tmp_path)


def test_a_draft_that_cannot_be_read_is_an_input_error() -> None:
    checker = verbatim.Checker("examples/articles")
    with pytest.raises(verbatim.InputError, match="missing-draft.txt"):
        checker.check("missing-draft.txt")
    with pytest.raises(verbatim.InputError, match="missing-draft.txt"):
        verbatim.check_files("missing-draft.txt", "examples/articles")
    with pytest.raises(verbatim.InputError, match="binary"):
        checker.check_text("NUL\x00byte")
    with pytest.raises(verbatim.InputError, match="binary"):
        verbatim.extract("NUL\x00byte")


def test_an_unknown_policy_is_an_error() -> None:
    with pytest.raises(verbatim.Error, match="unknown policy `house`") as raised:
        verbatim.Checker("examples/articles", policy="house")
    assert type(raised.value) is verbatim.Error
    status, _, err = run("check", "examples/drafts/pier-draft.txt", "--against", "examples/articles", "--policy", "house")
    assert status == 2 and "unknown policy `house`" in err


def test_a_policy_file_with_mistakes_is_a_grammar_error(tmp_path: Path) -> None:
    policy = tmp_path / "house.txt"
    policy.write_text("this is not a policy\n", encoding="utf-8")
    with pytest.raises(verbatim.GrammarError) as raised:
        verbatim.check_files("examples/drafts/pier-draft.txt", "examples/articles", policy=str(policy))
    assert raised.value.errors and all(":1:" in e for e in raised.value.errors)
    status, _, err = run("check", "examples/drafts/pier-draft.txt", "--against", "examples/articles", "--policy", str(policy))
    assert status == 2 and raised.value.errors[0] in err


def test_bad_arguments_are_value_errors() -> None:
    with pytest.raises(ValueError, match="input_format"):
        verbatim.extract_files("examples/articles", input_format="pdf")
    with pytest.raises(ValueError, match="input_format"):
        verbatim.extract("text", input_format="pdf")
    with pytest.raises(ValueError, match="encoding: unknown label"):
        verbatim.compare_files("examples/articles", encoding="latin-9000")


def test_a_check_never_passes_on_nothing(tmp_path: Path) -> None:
    """As the command exits 2 with no report: a draft with no text, or no source at all."""
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    with pytest.raises(verbatim.Error, match="the draft has no text to check") as raised:
        verbatim.check_files(empty, "examples/articles")
    assert type(raised.value) is verbatim.Error
    checker = verbatim.Checker("examples/articles")
    with pytest.raises(verbatim.Error, match="the draft has no text to check"):
        checker.check(empty)
    with pytest.raises(verbatim.Error, match="the draft has no text to check"):
        checker.check_text("")
    (tmp_path / "sources").mkdir()
    with pytest.raises(verbatim.Error, match="no source could be read"):
        verbatim.check_files("examples/drafts/pier-draft.txt", tmp_path / "sources")
    with pytest.raises(verbatim.Error, match="no source could be read"):
        verbatim.Checker(tmp_path / "sources")
