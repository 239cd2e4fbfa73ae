#!/usr/bin/env bash
# The whole-process figures of BENCHMARKS.md, in one run on this machine:
#   bash benches/targets.sh [WORK_DIR]        (WORK_DIR default: target/bench-work)
# Generates the news corpora (seeded, benches/newsgen), builds the release binary, and measures
# extraction per core (novels, generated news), the peers side by side on the same 1 MB,
# scaling over 10 MB / 100 MB / 1 GB, peak memory, compare, check and the index's recall.
# Needs ../shared (novels, peers); the peers' venv is made by ../shared/peers/setup_peers.sh
# .venv-peers (skipped if absent). Set SKIP_GB=1 to leave out the 1 GB corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench-work}
mkdir -p "$work"
cargo build -q --release --features cli --bin verbatim --example newsgen
bin=target/release/verbatim
gen=target/release/examples/newsgen
shared=../shared

# seconds and peak KB of a command, its output discarded
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
mbps() { python3 -c "print(f'{$1/1048576/$2:.1f}')"; }

sizes="10MB 100MB"
[ -n "${SKIP_GB:-}" ] || sizes="$sizes 1GB"
for size in $sizes; do
    [ -f "$work/news-$size/key.jsonl" ] || "$gen" "$work/news-$size" "$size" 7 2>/dev/null
done
bytes() { find "$1" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}'; }
# copies articles FROM..TO (in name order) of a generated corpus into a folder
first() { mkdir -p "$4"; python3 -c "
import glob, shutil, sys
for f in sorted(glob.glob(sys.argv[1] + '/*/*.txt'))[int(sys.argv[2]):int(sys.argv[3])]: shutil.copy(f, sys.argv[4])
" "$@"; }

# one table row: extraction of INPUT on one core, the best of RUNS (default 3) runs: the
# machine is shared, and a single run may meet a busy host or a cold file cache
one_core_row() {
    local label=$1 input=$2 runs=${3:-3} s kb b best="" bkb=0
    for _ in $(seq "$runs"); do
        read -r s kb < <(RAYON_NUM_THREADS=1 measure "$bin" extract --format json "$input")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $s < $best else 1)"; then best=$s; bkb=$kb; fi
    done
    b=$(bytes "$input")
    echo "| $label | $b | $best | $(mbps "$b" "$best") | $((bkb / 1024)) MB |"
}

echo "## Extraction and attribution, one core (RAYON_NUM_THREADS=1); generated news under Scaling"
echo
echo "| input | bytes | seconds (best of 3) | MB/s | peak RSS |"
echo "|---|---|---|---|---|"
one_core_row novels "$shared/bench/novels"
echo

echo "## Side by side on the same 1 MB (the seed articles repeated, ../shared/peers/make_big.py)"
echo
python3 "$shared/peers/make_big.py" "$work/big.txt" >/dev/null
b=$(stat -c %s "$work/big.txt")
# runs this short need a finer clock than time(1)'s hundredths: the median of 21 runs
median() { python3 - "$@" <<'PY'
import os, subprocess, sys, time
ts = []
for _ in range(21):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, RAYON_NUM_THREADS="1"))
    ts.append(time.perf_counter() - t)
print(f"{sorted(ts)[10]:.4f}")
PY
}
vs=$(median "$bin" extract --format json "$work/big.txt")
read -r _ vkb < <(RAYON_NUM_THREADS=1 measure "$bin" extract --format json "$work/big.txt")
echo "| tool | seconds (whole process, median of 21) | MB/s | peak RSS |"
echo "|---|---|---|---|"
echo "| verbatim, one core | $vs | $(mbps "$b" "$vs") | $((vkb / 1024)) MB |"
rs=$(median python3 "$shared/peers/regex_baseline.py" "$work/big.txt")
read -r _ rkb < <(measure python3 "$shared/peers/regex_baseline.py" "$work/big.txt")
echo "| regex baseline | $rs | $(mbps "$b" "$rs") | $((rkb / 1024)) MB |"
echo
python3 "$shared/peers/regex_baseline.py" --bench 5 "$work/big.txt" | python3 -c "import json, sys; print('regex baseline in-process (its --bench 5 median):', json.load(sys.stdin)['median_s'], 's')"
if [ -x .venv-peers/bin/python ]; then
    read -r ts tkb < <(measure .venv-peers/bin/python "$shared/peers/textacy_quotes.py" --split para "$work/big.txt")
    echo "| spaCy + textacy (one run) | $ts | $(mbps "$b" "$ts") | $((tkb / 1024)) MB |"
    # verbatim again, right after textacy's long run: the ratio from each side of it
    vs2=$(median "$bin" extract --format json "$work/big.txt")
    echo "| verbatim again, after textacy | $vs2 | $(mbps "$b" "$vs2") | |"
    echo
    python3 -c "print(f'verbatim/textacy: throughput x{$ts/$vs:.0f} (x{$ts/$vs2:.0f} after), memory 1/{$tkb/$vkb:.0f}; verbatim/regex: throughput x{$rs/$vs:.2f}')"
fi
echo

echo "## Scaling (one core, generated news)"
echo
echo "Each corpus on its own (the generator's world grows with the size asked for):"
echo
echo "| corpus | bytes | seconds | MB/s | peak RSS |"
echo "|---|---|---|---|---|"
for size in $sizes; do
    runs=3; [ "$size" = 1GB ] && runs=1
    one_core_row "$size" "$work/news-$size" "$runs"
done
echo
# the same world at three sizes: its first 9 folders (about 10 MB), 87 (100 MB) and all;
# the machine is shared, so the smaller two take the best of three runs
largest=$(echo $sizes | awk '{print $NF}')
echo "Prefixes of the $largest corpus (one world), best of three runs below 1 GB:"
echo
echo "| folders | bytes | seconds | MB/s | peak RSS |"
echo "|---|---|---|---|---|"
total=$(ls -d "$work/news-$largest"/0* | wc -l)
for n in 9 87 "$total"; do
    [ "$n" -le "$total" ] || continue
    mapfile -t dirs < <(ls -d "$work/news-$largest"/0* | head -"$n")
    b=$(for d in "${dirs[@]}"; do bytes "$d"; done | awk '{s+=$1} END {print s}')
    runs=3; [ "$n" -eq "$total" ] && [ "$total" -gt 87 ] && runs=1
    best=""
    for _ in $(seq $runs); do
        read -r s kb < <(RAYON_NUM_THREADS=1 measure "$bin" extract --format json "${dirs[@]}")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $s < $best else 1)"; then best=$s; bkb=$kb; fi
    done
    echo "| $n | $b | $best | $(mbps "$b" "$best") | $((bkb / 1024)) MB |"
done
echo

echo "## Extraction on both cores"
echo
read -r s kb < <(measure "$bin" extract --format json "$work/news-100MB")
b=$(bytes "$work/news-100MB")
echo "100 MB of generated news: $s s, $(mbps "$b" "$s") MB/s, peak $((kb / 1024)) MB"
echo

echo "## Compare: a million quotes (both cores; benches/compare.rs, clustering timed apart from extraction)"
echo
cargo bench -q --bench compare -- 1000000 2>/dev/null
echo

echo "## Compare, whole command (both cores)"
echo
echo "| articles | seconds | peak RSS |"
echo "|---|---|---|"
for n in 1000 4000 16000; do
    dir="$work/compare-$n"
    [ -d "$dir" ] || first "$work/news-100MB" 0 "$n" "$dir"
    read -r s kb < <(measure "$bin" compare --format json "$dir")
    echo "| $n | $s | $((kb / 1024)) MB |"
done
# about a million quotes, written as files at newsgen's own density
[ -f "$work/news-1Mq/key.jsonl" ] || "$gen" "$work/news-1Mq" 173MB 7 2>/dev/null
read -r s kb < <(measure "$bin" compare --format json "$work/news-1Mq")
echo "| 148,000 (about 1,000,000 quotes) | $s | $((kb / 1024)) MB |"
echo

echo "## Check: a 2,000-word draft against 100 articles, process start included"
echo
src="$work/check-sources"; draft="$work/check-draft.txt"
if [ ! -d "$src" ]; then
    first "$work/news-10MB" 0 100 "$src"
    # the draft: other articles about the same events, about 2,000 words
    python3 - "$work/news-10MB" "$draft" <<'PY'
import glob, sys
files = sorted(glob.glob(sys.argv[1] + "/*/*.txt"))[100:]
out, words = [], 0
for f in files:
    for line in open(f, encoding="utf-8").read().splitlines()[1:]:
        out.append(line); words += len(line.split())
    if words >= 2000: break
open(sys.argv[2], "w", encoding="utf-8").write("Draft: the week in review\n" + "\n".join(out) + "\n")
PY
fi
words=$(wc -w < "$draft")
best=999
for _ in 1 2 3 4 5; do
    read -r s _ < <(measure "$bin" check "$draft" --against "$src" || true)
    best=$(python3 -c "print(min($best, $s))")
done
echo "$words-word draft, 100 sources: best of 5 runs $best s"
