#!/usr/bin/env python3
"""Run two third-party quote checkers (krokai 0.15.0, gtrex 1.1.0) on blind sets t and v,
map their raw verdicts to the keys' vocabulary, score, and write RESULTS.md.

Rerun:  /tmp/peers18/bin/python run_peers.py      (the venv: python3 -m venv V && V/bin/pip install krokai==0.15.0 gtrex==1.1.0)

Nothing here reads or runs the project under test; only the two peer CLIs are invoked.
"""
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "fixtures")
BIN = "/tmp/peers18/bin"
KROKAI = os.path.join(BIN, "krokai")
GTREX = os.path.join(BIN, "gtrex")
OUT = os.environ.get("PEERS_OUT", os.path.join(os.environ.get("TMPDIR", "/tmp"), "verbatim-peers-check"))
WORK = os.path.join(OUT, "work")      # scratch matters, plain-text sources
RAW = os.path.join(OUT, "raw")        # raw tool outputs

# krokai silently drops a SOURCE file whose basename matches this (its "derived" filter):
# county-briefing (BRIEF), harbour-* (OUR-), b3-estuary-review (REVIEW). Copy under neutral names.
from krokai.corpus import DERIVED_DEFAULT  # noqa: E402  (read only, to assert names are safe)
SAFE_NAME = {
    "harbour-hour-interview": "t-radio-interview",
    "county-briefing": "t-county-pressconf",
    "harbour-users-call": "t-harbor-users-call",
    "coastline-news": "t-coastline-news",
    "saltmere-gazette": "t-saltmere-gazette",
    "b3-estuary-review": "b3-estuary-rvw",
}


def safe(stem):
    s = SAFE_NAME.get(stem, stem)
    assert not re.search(DERIVED_DEFAULT, s, re.I), s
    return s


def unsafe(name):
    inv = {v: k for k, v in SAFE_NAME.items()}
    stem = os.path.splitext(os.path.basename(name))[0]
    return inv.get(stem, stem)


# ----------------------------------------------------------------------------------------------
# Transcripts -> plain text (neither tool reads .vtt/.srt). Cue timing lines, cue numbers,
# STYLE/NOTE blocks dropped; <v Name> turned into a "Name: " label at each change of speaker;
# consecutive cues of one speaker joined with a space. We keep an offset->time table so that a
# character offset reported by a tool (gtrex does, krokai does not) can be turned into a cue time.
# ----------------------------------------------------------------------------------------------
TS = r"(\d\d:\d\d:\d\d[.,]\d\d\d)"


def _blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if b.strip()]


def vtt_to_plain(text):
    out, times, prev = "", [], None
    for b in _blocks(text):
        lines = b.split("\n")
        if lines[0].startswith(("WEBVTT", "STYLE", "NOTE")):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            continue
        start = re.match(TS, lines[i].strip()).group(1).replace(",", ".")
        body = " ".join(l.strip() for l in lines[i + 1:])
        m = re.match(r"<v(?:\.[^ >]+)?\s+([^>]+)>", body)
        spk = m.group(1).strip() if m else prev
        body = re.sub(r"<[^>]+>", "", body).strip()
        if spk != prev:
            if out:
                out += "\n\n"
            out += "%s: " % spk
        else:
            out += " "
        times.append((len(out), start))
        out += body
        prev = spk
    return out + "\n", times


def srt_to_plain(text):
    out, times = "", []
    for b in _blocks(text):
        lines = b.split("\n")
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            continue
        start = re.match(TS, lines[i].strip()).group(1).replace(",", ".")
        body = " ".join(l.strip() for l in lines[i + 1:]).strip()
        if out:
            out += "\n\n" if body.startswith((">>", "[")) else " "
        times.append((len(out), start))
        out += body
    return out + "\n", times


def app_export_times(text):
    """Transcription-app export: 'Name  MM:SS' header lines; the turn time covers what follows."""
    times = []
    pos = 0
    for line in text.splitlines(True):
        m = re.match(r"^(.+?)\s{2,}(\d\d):(\d\d)\s*$", line)
        if m:
            times.append((pos, "00:%s:%s.000" % (m.group(2), m.group(3))))
        pos += len(line)
    return times


def time_at(times, off):
    t = None
    for o, s in times:
        if o <= off:
            t = s
    return t


def prepare_sources(set_dir, out_dir):
    """Returns {stem: (plain_path, times or None)}."""
    os.makedirs(out_dir, exist_ok=True)
    res = {}
    for fn in sorted(os.listdir(os.path.join(set_dir, "sources"))):
        p = os.path.join(set_dir, "sources", fn)
        stem, ext = os.path.splitext(fn)
        text = open(p, encoding="utf-8").read()
        times = None
        if ext == ".vtt":
            text, times = vtt_to_plain(text)
        elif ext == ".srt":
            text, times = srt_to_plain(text)
        elif re.search(r"^\S.*\s{2,}\d\d:\d\d\s*$", text, re.M):
            times = app_export_times(text)
        dst = os.path.join(out_dir, safe(stem) + ".txt")
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text)
        res[stem] = (dst, times)
    return res


# ----------------------------------------------------------------------------------------------
def norm(s):
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                                   "\u2026": "...", "\u2014": "-", "\u2013": "-"}))
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.strip(" .,;:'\"")


def run(cmd, cwd=None, inp=None):
    p = subprocess.run(cmd, cwd=cwd, input=inp, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


# ----------------------------------------------------------------------------------------------
# krokai: a matter per draft (krokai init), sources in law/, draft in case/, `krokai check`.
# Supplement: `krokai quote "<text>"` for each key quotation that `check` did not extract
# (check only extracts quotations of >= min_quote_length = 45 characters, the default).
# ----------------------------------------------------------------------------------------------
KROK_MAP = {
    "VERIFIED": ("verified", None),
    "PUNCTUATION": ("verified", None),
    "TYPESETTING": ("verified", None),
    "FOUND_ELSEWHERE": ("verified", None),
    "WRONG_SPEAKER": ("misattributed", None),
    "ASSEMBLED": ("edited", "elided"),
    "ELLIPSIS_HIDES": ("edited", "elided"),
    "FRAGMENTS": ("drift", None),      # flag: >=8-word fragments found, whole quote not ("silent splice")
    "TRUNCATED_CONDITION": ("edited", "fragment"),
    "TRUNCATED_OPENING": ("edited", "fragment"),
    "OPERATOR": ("drift", None),
    "ALTERED": ("drift", None),
    "PARTIAL": ("drift", None),
    "SCATTERED": ("drift", None),
    "SPLICED": ("drift", None),
    "SUPERSEDED_EDITION": ("drift", None),
    "NOT_FOUND": ("unsupported", None),
    "NO_SOURCE_ON_DISK": ("unsupported", None),
}


def krokai_run(name, draft_path, sources, quotes):
    mdir = os.path.join(WORK, "krokai", name)
    shutil.rmtree(mdir, ignore_errors=True)
    os.makedirs(mdir)
    rc, o, e = run([KROKAI, "init", mdir, "--no-claude-md"])
    for stem, (p, _) in sources.items():
        shutil.copy(p, os.path.join(mdir, "law", os.path.basename(p)))
    shutil.copy(draft_path, os.path.join(mdir, "case", os.path.basename(draft_path)))
    rc, o, e = run([KROKAI, "check", "--out", "report"], cwd=mdir)
    rawd = os.path.join(RAW, "krokai", name)
    os.makedirs(rawd, exist_ok=True)
    open(os.path.join(rawd, "check.stdout.txt"), "w").write(o + ("\n[stderr]\n" + e if e else ""))
    shutil.copy(os.path.join(mdir, "report", "REPORT.md"), os.path.join(rawd, "REPORT.md"))
    shutil.copy(os.path.join(mdir, "report", "result.json"), os.path.join(rawd, "result.json"))
    rows = json.load(open(os.path.join(mdir, "report", "result.json")))["rows"]
    rows = [r for r in rows if any(s["file"].startswith("case/") and not s["file"].endswith("QUOTE-BANK.md")
                                   for s in r["sites"])]
    out = []
    quote_log = []
    for q in quotes:
        nq = norm(q["text"])
        best, bs = None, 0.0
        for r in rows:
            nr = norm(r["quote"])
            s = 1.0 if nr == nq else difflib.SequenceMatcher(None, nr, nq).ratio()
            if s > bs:
                best, bs = r, s
        rec = {"text": q["text"]}
        if best is not None and bs >= 0.85:
            rec.update(via="check", raw=best["verdict"], detail=best.get("detail", ""),
                       where=unsafe(best["where"]) if best.get("where") else None,
                       matched_quote=best["quote"])
        else:
            rec.update(via="not extracted by check", raw=None, where=None, detail="")
            rc, o, e = run([KROKAI, "quote", "--quiet", q["text"]], cwd=mdir)
            quote_log.append("$ krokai quote --quiet %r\n%s%s\n" % (q["text"], o, e))
            m = re.search(r"^\s*\n?([A-Z][A-Z ]+)\n", o, re.M)
            lab = m.group(1).strip().replace(" ", "_") if m else "?"
            w = re.search(r"found in: (\S+)", o)
            rec["quote_cmd"] = {"raw": lab, "where": unsafe(w.group(1)) if w else None}
        out.append(rec)
    open(os.path.join(rawd, "quote.stdout.txt"), "w").write("\n".join(quote_log))
    return out


def krokai_map(rec, use_quote=False):
    if rec["raw"] is None:
        if use_quote and rec.get("quote_cmd"):
            v, ed = KROK_MAP.get(rec["quote_cmd"]["raw"], ("?", None))
            return v, ed, rec["quote_cmd"]["where"]
        return "none", None, None
    v, ed = KROK_MAP.get(rec["raw"], ("?", None))
    return v, ed, rec["where"]


# ----------------------------------------------------------------------------------------------
# gtrex: no quote extraction of its own; claims = the draft's quotations (the key's texts, which
# validate.py checks are exactly the draft's quoted spans), one JSONL record per
# (quotation, source file). `gtrex verify` (default policy) then `gtrex repair --repair-mode
# annotate` (keeps the draft's wording, attaches the best source span; guards run).
# ----------------------------------------------------------------------------------------------
def strip_edge(t):
    """Edge punctuation inside the closing quote mark (a comma for the source's period) is
    house style, ignored by the keys; gtrex has no notion of it, so it is stripped from the claim
    for the primary run. The as-typed run is kept as a secondary row."""
    return re.sub(r"[\s,.;:]+$", "", t)


def gtrex_run(name, sources, quotes, variant="edge-stripped"):
    rawd = os.path.join(RAW, "gtrex-" + variant, name)
    os.makedirs(rawd, exist_ok=True)
    claims = os.path.join(rawd, "claims.jsonl")
    with open(claims, "w", encoding="utf-8") as f:
        for i, q in enumerate(quotes):
            for stem, (p, _) in sources.items():
                claim = strip_edge(q["text"]) if variant == "edge-stripped" else q["text"]
                f.write(json.dumps({"id": "%d|%s" % (i, stem), "claim": claim,
                                    "source_path": p}, ensure_ascii=False) + "\n")
    res = {}
    for mode, cmd in (("verify", [GTREX, "verify", claims, "-o", os.path.join(rawd, "verify.jsonl"),
                                  "--manifest", os.path.join(rawd, "verify.manifest.json")]),
                      ("repair", [GTREX, "repair", claims, "--repair-mode", "annotate",
                                  "-o", os.path.join(rawd, "repair.jsonl"),
                                  "--manifest", os.path.join(rawd, "repair.manifest.json")])):
        rc, o, e = run(cmd)
        open(os.path.join(rawd, mode + ".stdout.txt"), "w").write(o + "\n[stderr]\n" + e)
        for line in open(os.path.join(rawd, mode + ".jsonl"), encoding="utf-8"):
            d = json.loads(line)
            i, stem = d["id"].split("|")
            res.setdefault(int(i), {}).setdefault(stem, {})[mode] = d["gtrex"]
    out = []
    for i, q in enumerate(quotes):
        per = res[i]
        grounded = [(s, r["verify"]) for s, r in per.items() if r["verify"]["grounded"]]
        stitched = [(s, r["verify"]) for s, r in per.items() if r["verify"]["verdict"] == "stitched"]
        rec = {"text": q["text"], "per_source": {s: {"verify": r["verify"]["verdict"],
                                                      "tier": r["verify"]["tier"],
                                                      "repair": "%s@%s" % (r["repair"]["action"], r["repair"]["stage"]),
                                                      "score": (r["repair"].get("alignment") or {}).get("score")}
                                                  for s, r in per.items()}}
        if grounded:
            rec["raw"] = "grounded (%s)" % "/".join(sorted({g["tier"] for _, g in grounded}))
            rec["sources"] = [s for s, _ in grounded]
            rec["offset"] = {s: g["start"] for s, g in grounded}
            rec["cls"] = "grounded"
        elif stitched:
            rec["raw"] = "stitched"
            rec["sources"] = [s for s, _ in stitched]
            rec["offset"] = {}
            rec["cls"] = "stitched"
        else:
            located = [(s, r["repair"]) for s, r in per.items() if r["repair"].get("alignment")]
            located.sort(key=lambda x: -x[1]["alignment"]["score"])
            # a span below the threshold (rejected at the alignment stage) is not a located span
            located = [x for x in located if not (x[1]["action"] == "rejected" and x[1]["stage"] == "alignment")]
            if located:
                s, r = located[0]
                rec["raw"] = "unlocated; repair: %s at %s (score %.2f)" % (
                    r["action"], r["stage"], r["alignment"]["score"])
                rec["sources"] = [s]
                rec["offset"] = {s: r["alignment"]["start"]}
                if r["action"] == "annotated":
                    rec["cls"] = "annotated"
                elif r["stage"] == "alignment":      # best span below the threshold: not located
                    rec["cls"] = "rejected"
                else:                                 # located, then refused by a guard
                    rec["cls"] = "guard:" + r["stage"]
            else:
                stages = sorted({"%s@%s" % (r["repair"]["action"], r["repair"]["stage"]) for r in per.values()})
                best = max((r["repair"]["alignment"]["score"] for r in per.values() if r["repair"].get("alignment")), default=None)
                rec["raw"] = "unlocated; repair: %s%s" % (",".join(stages), " (best score %.2f, below threshold)" % best if best else "")
                rec["sources"] = []
                rec["offset"] = {}
                rec["cls"] = "rejected"
        out.append(rec)
    return out


def gtrex_map(rec):
    c = rec["cls"]
    if c == "grounded":
        v, ed = "verified", None
    elif c == "stitched":
        v, ed = "edited", "elided"
    elif c == "rejected":
        v, ed = "unsupported", None
    else:   # located near-miss (annotated, or refused by a guard): the words differ from the source
        v, ed = "drift", None
    return v, ed, (rec["sources"][0] if len(rec["sources"]) == 1 else (rec["sources"] or None))


# ----------------------------------------------------------------------------------------------
FLAG = {"drift", "unsupported", "misattributed", "paraphrase"}
PASS = {"verified", "edited"}


def holders(text, sources):
    """Sources whose (normalised) text holds every piece of the quotation, split at ellipses and
    brackets. Used only for the lenient 'source named' measure: in set v several outlets print
    the same words and the key picks one."""
    pieces = [norm(x) for x in re.split(r"\.\.\.|\u2026|\[[^\]]*\]", text) if norm(x)]
    out = []
    for stem, (p, _) in sources.items():
        t = re.sub(r"\s+", " ", norm(open(p, encoding="utf-8").read()).replace('"', "").replace("'", ""))
        if pieces and all(x.replace('"', "").replace("'", "") in t for x in pieces):
            out.append(stem)
    return out


def score(keyq, mapped):
    """mapped: list of (verdict, edit, source). Returns dict of counts + per-quote flags."""
    s = {"n": len(keyq), "right": 0, "false_alarm": 0, "miss": 0, "miss_unchecked": 0,
         "src_right": 0, "src_n": 0, "flags": []}
    for q, (v, ed, src) in zip(keyq, mapped):
        kv, ke = q["verdict"], q.get("edit")
        acc = q.get("accept") or [kv]
        ok = (v == kv and (ke is None or ed == ke)) or (v != kv and v in acc)
        fa = kv in PASS and v in FLAG
        miss = kv in FLAG and v not in FLAG
        s["right"] += ok
        s["false_alarm"] += fa
        s["miss"] += miss
        s["miss_unchecked"] += miss and v == "none"
        if q.get("source"):
            s["src_n"] += 1
            srcs = src if isinstance(src, list) else ([src] if src else [])
            s["src_right"] += q["source"] in srcs
            ok_src = {q["source"]} | (set(q.get("_holders", [])) if q["verdict"] in PASS | {"misattributed"} else set())
            s["src_lenient"] = s.get("src_lenient", 0) + bool(ok_src & set(srcs))
        s["flags"].append("OK" if ok else ("FALSE ALARM" if fa else ("MISS" if miss else "wrong")))
    return s


def fmt_map(v, ed):
    return v + ("/" + ed if ed else "")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree(RAW, ignore_errors=True)
    os.makedirs(WORK)
    os.makedirs(RAW)
    versions = {"krokai": run([KROKAI, "--version"])[1].strip(), "gtrex": "gtrex " + run([GTREX, "--version"])[1].strip()}

    jobs = []   # (set, draft name, draft path, sources, key quotes)
    tkey = json.load(open(os.path.join(BLIND, "blind-t", "t.check.gold.json")))
    tsrc = prepare_sources(os.path.join(BLIND, "blind-t"), os.path.join(WORK, "plain", "t"))
    for d in tkey["drafts"]:
        jobs.append(("t", d["draft"], os.path.join(BLIND, "blind-t", "drafts", d["draft"] + ".txt"), tsrc, d["quotes"]))
    vkey = json.load(open(os.path.join(BLIND, "blind-v", "v.check.gold.json")))
    vsrc_all = prepare_sources(os.path.join(BLIND, "blind-v"), os.path.join(WORK, "plain", "v"))
    for d in vkey["drafts"]:
        src = {k: vsrc_all[k] for k in d["against"]}
        jobs.append(("v", d["draft"], os.path.join(BLIND, "blind-v", "drafts", d["draft"] + ".txt"), src, d["quotes"]))

    results = []
    for setname, dname, dpath, src, quotes in jobs:
        kr = krokai_run(dname, dpath, src, quotes)
        gt = gtrex_run(dname, src, quotes)
        gt2 = gtrex_run(dname, src, quotes, variant="as-typed")
        for i, q in enumerate(quotes):
            q["_holders"] = holders(q["text"], src)
            g = gt[i]
            # derived time: gtrex reports a character offset; krokai reports none
            gtime = None
            if g["sources"]:
                s0 = q.get("source") if q.get("source") in g["offset"] else (g["sources"][0] if g["sources"] else None)
                if s0 in g["offset"] and src[s0][1]:
                    gtime = time_at(src[s0][1], g["offset"][s0])
            results.append({"set": setname, "draft": dname, "i": i, "key": q, "krokai": kr[i],
                            "gtrex": g, "gtrex_time": gtime, "gtrex_as_typed": gt2[i],
                            "g_map2": gtrex_map(gt2[i]),
                            "k_map": krokai_map(kr[i]), "k_map_q": krokai_map(kr[i], True),
                            "g_map": gtrex_map(g)})

    # ---------------- scoring
    sc = {}
    for setname in ("t", "v"):
        rs = [r for r in results if r["set"] == setname]
        keyq = [r["key"] for r in rs]
        sc[setname] = {"krokai": score(keyq, [r["k_map"] for r in rs]),
                       "krokai+quote": score(keyq, [r["k_map_q"] for r in rs]),
                       "gtrex": score(keyq, [r["g_map"] for r in rs]),
                       "gtrex (as typed)": score(keyq, [r["g_map2"] for r in rs])}
        for name, s in sc[setname].items():
            for r, f in zip(rs, s["flags"]):
                r.setdefault("flag", {})[name] = f
        # time (transcripts only, set t)
        if setname == "t":
            tq = [r for r in rs if r["key"].get("time")]
            sc[setname]["gtrex"]["time_right"] = sum(r["gtrex_time"] == r["key"]["time"] for r in tq)
            sc[setname]["gtrex"]["time_n"] = len(tq)

    json.dump(results, open(os.path.join(RAW, "per_quote.json"), "w"), indent=1, ensure_ascii=False)

    # ---------------- RESULTS.md
    L = []
    L.append("# Peer tools on blind sets t and v\n")
    L.append("Generated by `run_peers.py` (rerun: `/tmp/peers18/bin/python run_peers.py`). "
             "Tools: %s, %s. Raw outputs in `raw/`; per-quote JSON in `raw/per_quote.json`.\n"
             % (versions["krokai"], versions["gtrex"]))
    L.append("\n## Scores\n")
    L.append("right = verdict (and edit kind where the key has one) matches, or the verdict is in the key's `accept` list; "
             "false alarm = key verified/edited, tool flags drift/unsupported/misattributed/paraphrase; "
             "miss = key drift/misattributed/paraphrase/unsupported, tool does not flag it (of which: not checked at all); "
             "source = tool names the key's source document (of quotes whose key has a source).\n")
    L.append("| set | tool | n | right | false alarms | misses (unchecked) | source = key's | source holds the words | time |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for setname in ("t", "v"):
        for name in ("krokai", "krokai+quote", "gtrex", "gtrex (as typed)"):
            s = sc[setname][name]
            if name == "gtrex" and setname == "t":
                tm = "none reported; derived from offset %d/%d" % (s["time_right"], s["time_n"])
            elif setname == "t":
                tm = "none reported (0/%d)" % sum(1 for r in results if r["set"] == "t" and r["key"].get("time"))
            else:
                tm = "n/a"
            L.append("| %s | %s | %d | %d | %d | %d (%d) | %d/%d | %d/%d | %s |" % (
                setname, name, s["n"], s["right"], s["false_alarm"], s["miss"], s["miss_unchecked"],
                s["src_right"], s["src_n"], s.get("src_lenient", 0), s["src_n"], tm))
    L.append("\n`krokai` = `krokai check` alone (the documented whole-draft pass); `krokai+quote` = the same, plus "
             "`krokai quote \"…\"` for each key quotation that `check` did not extract (it extracts only quotations "
             "of ≥ 45 characters).\n")

    L.append("\n" + open(os.path.join(HERE, "NOTES.md"), encoding="utf-8").read()
             if os.path.exists(os.path.join(HERE, "NOTES.md")) else "")
    for setname in ("t", "v"):
        L.append("\n## Per quote, set %s\n" % setname)
        L.append("| # | quote | key | krokai (raw → mapped) | krokai quote (short ones) | gtrex (raw → mapped) | gtrex source | time key / gtrex-derived |")
        L.append("|---|---|---|---|---|---|---|---|")
        for r in [x for x in results if x["set"] == setname]:
            q = r["key"]
            kt = q["text"] if len(q["text"]) < 60 else q["text"][:57] + "…"
            key = fmt_map(q["verdict"], q.get("edit")) + (" [%s]" % ",".join(q["warnings"]) if q.get("warnings") else "")
            if q.get("accept") and len(q["accept"]) > 1:
                key += " (accept %s)" % "/".join(q["accept"])
            key += " · " + (q.get("source") or "—")
            k = r["krokai"]
            kv = "%s → %s" % (k["raw"] or "not extracted", fmt_map(*r["k_map"][:2]))
            if k.get("detail"):
                d = k["detail"].replace("|", "/").replace("\n", " ")
                kv += " («%s»)" % (d if len(d) < 70 else d[:67] + "…")
            if k.get("where"):
                kv += " · " + k["where"]
            kv += " · **%s**" % r["flag"]["krokai"]
            kq = ""
            if k.get("quote_cmd"):
                kq = "%s → %s · %s · **%s**" % (k["quote_cmd"]["raw"], fmt_map(*r["k_map_q"][:2]),
                                             k["quote_cmd"]["where"] or "—", r["flag"]["krokai+quote"])
            g = r["gtrex"]
            gv = "%s → %s · **%s**" % (g["raw"], fmt_map(*r["g_map"][:2]), r["flag"]["gtrex"])
            if r["g_map2"][:2] != r["g_map"][:2]:
                gv += " (as typed: %s → %s)" % (r["gtrex_as_typed"]["raw"], fmt_map(*r["g_map2"][:2]))
            gs = ", ".join(g["sources"]) or "—"
            tm = "%s / %s" % (q.get("time") or "—", r["gtrex_time"] or "—") if setname == "t" else ""
            label = "%s[%d]" % (r["draft"].split("-")[0] + r["draft"].split("-")[1] if setname == "v" else "", r["i"]) if setname == "v" else str(r["i"] + 1)
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                label, kt.replace("|", "/"), key, kv, kq, gv, gs, tm))
    open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8").write("\n".join(L) + "\n")
    json.dump({k: {n: {x: y for x, y in s.items() if x != "flags"} for n, s in v.items()} for k, v in sc.items()},
              open(os.path.join(RAW, "scores.json"), "w"), indent=1)
    print(open(os.path.join(HERE, "RESULTS.md"), encoding="utf-8").read())


if __name__ == "__main__":
    main()
