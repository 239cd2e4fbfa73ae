#!/usr/bin/env python3
"""Scores `verbatim compare` and `verbatim check` on a blind verdict or transcript set.

    python3 benches/score_check.py SET_DIR [BIN]

SET_DIR holds `sources/`, `drafts/`, a check key `*.check.gold.json` (per draft quote: verdict,
edit, source, for transcripts the cue time; `accept` lists other verdicts a careful editor
accepts) and optionally a compare key `*.compare.gold.json` (clusters with verdict, basis and
per member `fine`). Prints every quote or cluster that is not right, then the totals: right,
false alarms (a problem verdict where the key says the quote is fine) apart from misses (a
problem the key names, passed as fine), and for transcripts the cited source and time.
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAD_CHECK = {"drift", "misattributed", "unsupported", "paraphrase"}
BAD_COMPARE = {"drift", "misattributed"}


def norm(t):
    return re.sub(r"\s+", " ", t).strip()


def run(binary, *args):
    out = subprocess.run([binary, *args, "--format", "json"], capture_output=True, text=True)
    return json.loads(out.stdout)


def score_compare(binary, d, keyf):
    key = json.load(open(keyf, encoding="utf-8"))
    prefixes = sorted({m["document"][0] for c in key["clusters"] for m in c["members"]})
    t = dict(ok=0, n=0, fa=0, miss=0, mfa=0, mmiss=0, basis=0)
    for story in prefixes:
        files = sorted(glob.glob(f"{d}/sources/{story}*.txt"))
        out = run(binary, "compare", *files)
        texts = {(doc["id"], i): norm(q["text"]) for doc in out["documents"] for i, q in enumerate(doc["quotes"])}
        where = {}
        for ci, c in enumerate(out["clusters"]):
            for m in c["members"]:
                where[(m["document"], texts.get((m["document"], m["quote"])))] = (ci, m)
        for kc in key["clusters"]:
            if not kc["members"][0]["document"].startswith(story):
                continue
            votes, mem = {}, []
            for m in kc["members"]:
                hit = where.get((m["document"], norm(key["documents"][m["document"]][m["quote"]]["text"])))
                mem.append((m, hit))
                if hit:
                    votes[hit[0]] = votes.get(hit[0], 0) + 1
            t["n"] += 1
            if not votes:
                print(f"  ?? {kc['id']} not found")
                continue
            ci = max(votes, key=votes.get)
            c = out["clusters"][ci]
            got, want, basis = c["verdict"], kc["verdict"], c["reference"].get("basis")
            t["basis"] += basis == kc.get("basis")
            tag = ""
            if got == want:
                t["ok"] += 1
            elif got in BAD_COMPARE and want not in BAD_COMPARE:
                t["fa"] += 1
                tag = "FALSE-ALARM"
            elif want in BAD_COMPARE and got not in BAD_COMPARE:
                t["miss"] += 1
                tag = "MISS"
            else:
                tag = "WRONG-KIND" if got in BAD_COMPARE else "OTHER"
            notes = []
            for m, hit in mem:
                rel = hit[1]["relation"] if hit else "MISSING"
                fine = m.get("fine", True)
                tie_ok = kc.get("basis") == "tie" and rel.startswith("drift")
                if fine and rel in BAD_COMPARE and not tie_ok:
                    t["mfa"] += 1
                    notes.append(f"member false alarm {m['document']}[{m['quote']}] {rel}")
                if not fine and rel not in BAD_COMPARE:
                    t["mmiss"] += 1
                    notes.append(f"member miss {m['document']}[{m['quote']}] {rel}")
            if tag or notes or basis != kc.get("basis"):
                print(f"  {tag or 'ok'} {kc['id']}: key {want}/{kc.get('basis')}, got {got}/{basis}; " + "; ".join(notes))
    print(
        f"compare: clusters right {t['ok']}/{t['n']}, false alarms {t['fa']}, misses {t['miss']}; "
        f"members: false alarms {t['mfa']}, misses {t['mmiss']}; basis right {t['basis']}/{t['n']}"
    )


def score_check(binary, d, keyf):
    key = json.load(open(keyf, encoding="utf-8"))
    t = dict(ok=0, n=0, fa=0, miss=0, src=0, srcn=0, time=0, timen=0)
    for dr in key["drafts"]:
        against = dr.get("against")
        srcs = [f"{d}/sources/{s}.txt" for s in against] if against else sorted(glob.glob(f"{d}/sources/*"))
        out = run(binary, "check", f"{d}/drafts/{dr['draft']}.txt", "--against", *srcs)
        got = {}
        for q in out["quotes"]:
            got.setdefault(norm(q["text"]), q)
        for kq in dr["quotes"]:
            t["n"] += 1
            text = norm(kq["text"])
            q = got.get(text)
            if q is None:
                near = [g for g in got if text in g or g in text]
                q = got[near[0]] if near else None
            want = kq["verdict"]
            ok_set = {want, *kq.get("accept", [])}
            g = q["verdict"] if q else ("none" if want == "none" else "missing")
            edit_ok = q is None or kq.get("edit") is None or g != "edited" or q.get("edit") == kq.get("edit")
            src = q.get("source") if q else None
            if kq.get("source") and want not in ("unsupported", "none"):
                t["srcn"] += 1
                t["src"] += bool(src) and src.get("document") == kq["source"]
            if "time" in kq and kq.get("time"):
                t["timen"] += 1
                t["time"] += bool(src) and src.get("time") == kq["time"]
            if g in ok_set and edit_ok:
                t["ok"] += 1
                continue
            fine = not (ok_set & BAD_CHECK)
            tag = "OTHER"
            if g in BAD_CHECK and fine:
                t["fa"] += 1
                tag = "FALSE-ALARM"
            elif not fine and g not in BAD_CHECK:
                t["miss"] += 1
                tag = "MISS"
            reason = f" ({q['reason'][:100]})" if q else ""
            print(f"  {tag} {dr['draft']} “{text[:60]}”: key {sorted(ok_set)}/{kq.get('edit')}, got {g}/{q.get('edit') if q else None}{reason}")
    line = f"check: quotes right {t['ok']}/{t['n']}, false alarms {t['fa']}, misses {t['miss']}; source right {t['src']}/{t['srcn']}"
    if t["timen"]:
        line += f", time right {t['time']}/{t['timen']}"
    print(line)


def main():
    d = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "verbatim")
    for keyf in sorted(glob.glob(f"{d}/*.compare.gold.json")):
        score_compare(binary, d, keyf)
    for keyf in sorted(glob.glob(f"{d}/*.check.gold.json")):
        score_check(binary, d, keyf)


if __name__ == "__main__":
    main()
