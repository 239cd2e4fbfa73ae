#!/usr/bin/env python3
"""Accuracy of `verbatim extract` against answer keys in the seed format, per set, with speaker
accuracy per confidence band: the figures of ACCURACY.md.

    python3 benches/accuracy.py [BIN]        (default target/release/verbatim)

Each set is a folder of articles and `*.gold.json` keys (`{"documents": {stem: [{"text",
"speaker", "anonymous"}]}, "entities": {name: [aliases]}}`). Quotes are paired with the key by
their text and speakers judged as `../shared/tools/score.py` judges them (its functions are
imported from there). A set whose files are missing is skipped with a note.
"""
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "tools"))
from score import match_quotes, speaker_ok  # noqa: E402

SETS = [
    ("seeds", os.path.join(SHARED, "corpus", "seeds", "*.txt"), [os.path.join(SHARED, "corpus", "seeds.gold.json")]),
    ("eval a, b (blind, then developed on)", "tests/fixtures/eval/[ab][0-9].txt", "tests/fixtures/eval/[ab][0-9].gold.json"),
    ("eval c (blind, then developed on)", "tests/fixtures/eval/c[0-9].txt", "tests/fixtures/eval/c[0-9].gold.json"),
    ("blind d (2026-12-02)", "tests/fixtures/blind-d/d*.txt", "tests/fixtures/blind-d/d*.gold.json"),
    ("blind e (2026-12-02)", "tests/fixtures/blind-e/e*.txt", "tests/fixtures/blind-e/e*.gold.json"),
    ("blind f (2026-12-02, second session)", "tests/fixtures/blind-f/f*.txt", "tests/fixtures/blind-f/f*.gold.json"),
    ("blind g (2026-12-02, third session)", "tests/fixtures/blind-g/g*.txt", "tests/fixtures/blind-g/g*.gold.json"),
    ("blind h (2026-12-02, third session, end)", "tests/fixtures/blind-h/h*.txt", "tests/fixtures/blind-h/h*.gold.json"),
    ("blind i (2026-12-02, fourth session, start)", "tests/fixtures/blind-i/i*.txt", "tests/fixtures/blind-i/i*.gold.json"),
    ("blind j (2026-12-02, fourth session, end)", "tests/fixtures/blind-j/j*.txt", "tests/fixtures/blind-j/j*.gold.json"),
]
BANDS = [("≥ 0.9", 0.9, 2.0), ("0.5–0.9", 0.5, 0.9), ("< 0.5", 0.0, 0.5)]


def files(pattern):
    if isinstance(pattern, list):
        return [p for p in pattern if os.path.exists(p)]
    return sorted(glob.glob(os.path.join(ROOT, pattern)))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "verbatim")
    print("| set | quotes | recall | speakers right (of found) | end to end | ≥ 0.9 | 0.5–0.9 | < 0.5 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, texts, keys in SETS:
        texts, keys = files(texts), files(keys)
        if not texts or not keys:
            print(f"| {name} | skipped: not here | | | | | | |")
            continue
        gold, aliases = {}, {}
        for k in keys:
            key = json.load(open(k, encoding="utf-8"))
            gold.update(key["documents"])
            aliases.update(key.get("entities", {}))
        out = subprocess.run([binary, "extract", "--format", "json", *texts], capture_output=True, check=False)
        docs = {d["id"]: d for d in json.loads(out.stdout)["documents"]}
        total = found = right = 0
        bands = {b[0]: [0, 0] for b in BANDS}
        for doc, want in gold.items():
            got = docs.get(doc, {"quotes": []})["quotes"]
            pairs = match_quotes(want, got)
            total += len(want)
            for i, q in pairs.items():
                found += 1
                ok = speaker_ok(want[i], q.get("speaker"), aliases)
                right += ok
                conf = q.get("confidence", 0.0) if q.get("speaker") else 0.0
                for label, lo, hi in BANDS:
                    if lo <= conf < hi:
                        bands[label][0] += ok
                        bands[label][1] += 1
        cells = [f"{r}/{n} ({r / n:.2f})" if n else "–" for r, n in bands.values()]
        print(
            f"| {name} | {total} | {found / total:.3f} | {right}/{found} ({right / max(found, 1):.3f}) "
            f"| {right / total:.3f} | " + " | ".join(cells) + " |"
        )


if __name__ == "__main__":
    main()
