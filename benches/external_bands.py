#!/usr/bin/env python3
"""Speaker accuracy per confidence band on an external set (PolNeAR), matched and judged as
`../shared/tools/score_external.py` does (which prints no bands).

    python3 benches/external_bands.py [BIN] [SET.jsonl]
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "tools"))
from score_external import PRON, STOP, inner, toks  # noqa: E402

BANDS = [("≥ 0.9", 0.9, 2.0), ("0.5–0.9", 0.5, 0.9), ("< 0.5", 0.0, 0.5)]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "verbatim")
    path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "corpus", "external", "polnear-train.jsonl")
    docs = [json.loads(line) for line in open(path, encoding="utf-8")]
    tmp = tempfile.mkdtemp()
    for i, d in enumerate(docs):
        with open(os.path.join(tmp, f"d{i:05d}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(d["text"])
    out = json.loads(subprocess.run([binary, "extract", "--format", "json", tmp], capture_output=True).stdout)
    bands = {b[0]: [0, 0] for b in BANDS}
    for od in out["documents"]:
        d = docs[int(od["id"][1:])]
        text = d["text"]
        raw = text.encode("utf-8")
        b2c, c = {}, 0
        for bi in range(len(raw) + 1):
            if bi == len(raw) or (raw[bi] & 0xC0) != 0x80:
                b2c[bi] = c
                c += 1
        eng = [
            (inner(b2c.get(q["start"], 0), b2c.get(q["end"], len(text)), text), q)
            for q in od["quotes"]
            if q.get("kind") not in ("scare", "title", "headline", "embed")
        ]
        for g in d["quotes"]:
            if not g.get("speaker"):
                continue
            gs, ge = inner(g["start"], g["end"], text)
            glen = max(1, ge - gs)
            best = None
            for (s, e), q in eng:
                ov = max(0, min(e, ge) - max(s, gs))
                if ov / glen >= 0.8 and (best is None or ov > best[0]):
                    best = (ov, q)
            if best is None:
                continue
            q = best[1]
            spk = q.get("speaker") or {}
            got = set(toks(spk.get("name"))) | set(toks(spk.get("mention")))
            gt = set(toks(g["speaker"]))
            content = gt - STOP - PRON
            ok = bool(content & got) if content else bool(gt & got)
            conf = q.get("confidence", 0.0) if q.get("speaker") else 0.0
            for label, lo, hi in BANDS:
                if lo <= conf < hi:
                    bands[label][0] += ok
                    bands[label][1] += 1
    print(" | ".join(f"{k} {r}/{n} ({r / n:.3f})" if n else f"{k} –" for k, (r, n) in bands.items()))


if __name__ == "__main__":
    main()
