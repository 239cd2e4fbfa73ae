#!/usr/bin/env python3
"""Scores quotes found in a newsgen corpus against its key.jsonl.

    score_generated.py KEY.jsonl verbatim OUT.json      (verbatim extract --format json)
    score_generated.py KEY.jsonl peer OUT.jsonl         (a peer's JSON lines: file, speaker, content)

Prints quotes found and speakers right, as counts and shares of the key's quotes.
"""
import json, re, sys, unicodedata, os

def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    s = s.strip().strip('"').strip()
    return re.sub(r"\s+", " ", s).rstrip(",.")

key_path, kind, out_path = sys.argv[1:4]
key = {}
for line in open(key_path, encoding="utf-8"):
    a = json.loads(line)
    key[a["id"]] = a["quotes"]
got = {}
if kind == "verbatim":
    for d in json.load(open(out_path, encoding="utf-8"))["documents"]:
        got[d["id"]] = [(norm(q["text"]), (q.get("speaker") or {}).get("name")) for q in d["quotes"]]
else:
    for line in open(out_path, encoding="utf-8"):
        r = json.loads(line)
        doc = os.path.splitext(os.path.basename(r["file"]))[0]
        got.setdefault(doc, []).append((norm(r.get("content")), r.get("speaker")))
total = found = right = 0
for doc, quotes in key.items():
    pool = list(got.get(doc, []))
    for q in quotes:
        total += 1
        t = norm(q["text"])
        hit = next((g for g in pool if g[0] == t), None)
        if hit:
            pool.remove(hit)
            found += 1
            if hit[1] and (hit[1] == q["speaker"] or hit[1].split()[-1] == q["speaker"].split()[-1]):
                right += 1
print(f"{kind}: {found}/{total} quotes found ({found/max(total,1):.3f}), {right}/{total} with the right speaker ({right/max(total,1):.3f})")
