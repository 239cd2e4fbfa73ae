#!/usr/bin/env python3
"""Turns a peer's JSON lines (../shared/peers: file, speaker, content) into verbatim's JSON
contract, so that ../shared/tools/score.py scores peers and verbatim alike.

    peers_to_contract.py PEER.jsonl > out.json
"""
import json, os, sys

docs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    doc = os.path.splitext(os.path.basename(r["file"]))[0]
    text = (r.get("content") or "").strip()
    # the peers keep the marks; the contract's text is what lies between them
    if len(text) >= 2 and text[0] in "\"'“‘«" and text[-1] in "\"'”’»":
        text = text[1:-1]
    speaker = {"name": r["speaker"]} if r.get("speaker") else None
    docs.setdefault(doc, []).append({"text": text, "speaker": speaker})
print(json.dumps({"documents": [{"id": d, "quotes": q} for d, q in docs.items()]}))
