"""Every function returns what the command prints with ``--format json``: the same dict."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import command_json, files

import verbatim

EXTRACT_RUNS = [
    ["examples/articles"],
    ["examples/articles", "examples/drafts"],
    ["tests/fixtures/check-eval"],
    # the same stem twice, and a file named twice: ids unique within the run
    ["examples/articles", "examples/articles/harbor-gazette.txt", "tests/fixtures/check-eval/sources"],
    # transcripts: WebVTT, SRT, a briefing and a call export, an article and a draft
    ["tests/fixtures/transcripts"],
]


@pytest.mark.parametrize("paths", EXTRACT_RUNS, ids=lambda p: "+".join(p))
def test_extract_files_is_the_commands_json(paths: list) -> None:
    assert verbatim.extract_files(paths) == command_json("extract", *paths)


def test_a_transcript_read_from_text_is_turns_with_times() -> None:
    text = "WEBVTT\n\n00:01:02.500 --> 00:01:04.000\n<v Ines Calder>We will rebuild\n\n00:01:04.000 --> 00:01:05.000\nthe pier.\n"
    doc = verbatim.extract(text, input_format="transcript")
    (turn,) = doc["quotes"]
    assert (turn["kind"], turn["text"], turn["speaker"]["name"]) == ("turn", "We will rebuild the pier.", "Ines Calder")
    assert turn["time"] == {"start": "00:01:02.500", "end": "00:01:05.000"}


@pytest.mark.parametrize("input_format", ["text", "markdown", "html"])
def test_extract_files_with_an_input_format(input_format: str) -> None:
    paths = ["examples/articles"]
    expected = command_json("extract", "--input-format", input_format, *paths)
    assert verbatim.extract_files(paths, input_format=input_format) == expected


def test_one_path_need_not_be_a_list() -> None:
    assert verbatim.extract_files("examples/articles") == verbatim.extract_files(["examples/articles"])


@pytest.mark.parametrize(
    "paths",
    [["examples/articles"], ["tests/fixtures/check-eval/sources"], ["examples/articles", "tests/fixtures/check-eval"]],
    ids=lambda p: "+".join(p),
)
def test_compare_files_is_the_commands_json(paths: list) -> None:
    assert verbatim.compare_files(paths) == command_json("compare", *paths)


TRANSCRIPTS = [
    "tests/fixtures/transcripts/" + name
    for name in ["mayor-interview.vtt", "evening-news.srt", "council-briefing.txt", "ferry-call.txt", "harbour-article.txt"]
]

CHECK_RUNS = [("examples/drafts/pier-draft.txt", ["examples/articles"])] + [
    (draft, ["tests/fixtures/check-eval/sources"]) for draft in files("tests/fixtures/check-eval/drafts")
]


@pytest.mark.parametrize("policy", ["strict", "standard", "permissive"])
def test_check_against_transcripts_is_the_commands_json(policy: str) -> None:
    draft = "tests/fixtures/transcripts/draft/harbour-draft.txt"
    expected = command_json("check", draft, "--against", *TRANSCRIPTS, "--policy", policy)
    assert verbatim.check_files(draft, TRANSCRIPTS, policy=policy) == expected


@pytest.mark.parametrize("policy", ["strict", "standard", "permissive"])
@pytest.mark.parametrize("draft,sources", CHECK_RUNS, ids=lambda v: v if isinstance(v, str) else None)
def test_check_files_is_the_commands_json(draft: str, sources: list, policy: str) -> None:
    expected = command_json("check", draft, "--against", *sources, "--policy", policy)
    assert verbatim.check_files(draft, sources, policy=policy) == expected


def test_a_checker_reused_across_drafts_is_the_command() -> None:
    checker = verbatim.Checker("tests/fixtures/check-eval/sources")
    assert checker.policy == "standard"
    for draft, sources in CHECK_RUNS[1:]:
        assert checker.check(draft) == command_json("check", draft, "--against", *sources)


def test_a_checker_shared_by_threads_gives_each_draft_its_report() -> None:
    checker = verbatim.Checker(["tests/fixtures/check-eval/sources"], policy="strict")
    drafts = [draft for draft, _ in CHECK_RUNS[1:]]
    expected = {d: checker.check(d) for d in drafts}
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(checker.check, drafts * 8))
    assert reports == [expected[d] for d in drafts * 8]


def test_check_text_is_check_of_the_same_text() -> None:
    draft = "examples/drafts/pier-draft.txt"
    checker = verbatim.Checker("examples/articles")
    with open(draft, encoding="utf-8") as f:
        text = f.read()
    from_text, from_file = checker.check_text(text, id="pier-draft"), checker.check(draft)
    assert from_text.pop("draft") == from_file.pop("draft") == "pier-draft"
    # a draft from memory has no path: its id stands for one
    assert (from_text.pop("path"), from_file.pop("path")) == ("pier-draft", draft)
    assert from_text == from_file


def test_extract_in_memory_is_one_document_of_extract_files() -> None:
    path = "examples/articles/harbor-gazette.txt"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    [expected] = command_json("extract", path)["documents"]
    doc = verbatim.extract(text, id="harbor-gazette")
    assert doc["quotes"] == expected["quotes"]
    assert doc["problems"] == expected["problems"]
    assert doc["id"] == "harbor-gazette"


def test_extract_reads_html_and_markdown_from_memory() -> None:
    html = "<p>&ldquo;We will rebuild,&rdquo; Mayor Ana Ruiz said.</p>"
    doc = verbatim.extract(html, input_format="html")
    assert doc["quotes"][0]["speaker"]["name"] == "Ana Ruiz"
    assert doc["id"] == "-"
    md = "# Pier\n\n“We will rebuild,” Mayor Ana Ruiz said.\n"
    assert verbatim.extract(md, input_format="markdown")["quotes"][0]["text"] == "We will rebuild,"


def test_a_windows_1252_article_is_read_as_the_command_reads_it(tmp_path) -> None:
    """Detected, or named with ``encoding``: the names and the offsets into the file agree."""
    article = tmp_path / "archive.txt"
    article.write_bytes(b"Harbour News\n\n\x93We will rebuild the pier,\x94 said Jos\xe9 \xc1lvarez, the mayor.\n")
    named = verbatim.extract_files(str(article), encoding="windows-1252")
    assert named == command_json("extract", str(article), "--encoding", "windows-1252")
    quote = named["documents"][0]["quotes"][0]
    assert quote["speaker"]["name"] == "José Álvarez"
    assert quote["start"] == article.read_bytes().index(b"\x93")
    detected = verbatim.extract_files(str(article))
    assert detected == command_json("extract", str(article))
    assert detected["documents"][0]["problems"][0]["code"] == "encoding-assumed"
