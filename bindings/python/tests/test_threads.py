"""The GIL is released while verbatim works: other Python threads keep running."""

from __future__ import annotations

import threading
import time

from conftest import ROOT

import verbatim


def test_python_threads_run_while_verbatim_extracts() -> None:
    text = (ROOT / "examples/articles/harbor-gazette.txt").read_text(encoding="utf-8") * 6000
    started = time.perf_counter()
    verbatim.extract(text)
    alone = time.perf_counter() - started
    # the longest the main thread waits between two steps while a thread extracts (about half
    # a second of work): a switch interval (5 ms) when the GIL is released, give or take the
    # scheduling of a busy machine; the whole extraction when it is held
    worker = threading.Thread(target=verbatim.extract, args=(text,))
    # (from before the start: a call that holds the GIL may hold up `start` itself)
    steps = [time.perf_counter()]
    worker.start()
    while worker.is_alive():
        steps.append(time.perf_counter())
    steps.append(time.perf_counter())
    worker.join()
    longest = max((b - a for a, b in zip(steps, steps[1:])), default=0.0)
    assert len(steps) > 2 and longest < alone / 2, (longest, alone)
