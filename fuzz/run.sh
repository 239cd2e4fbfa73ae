#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 600), seeding each
# corpus from the project's own fixtures and grammar. Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
secs=${SECONDS_EACH:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scan attribute grammar compare check read)
seed() {
    local t=$1 dir=corpus/$1
    mkdir -p "$dir"
    case $t in
        grammar) for f in ../grammar/*.txt; do cp "$f" "$dir/$(basename "$f")"; done ;;
        read) find ../examples ../tests/fixtures \( -name '*.html' -o -name '*.md' -o -name '*.txt' \) -size -64k \
                  -exec sh -c 'for f; do printf "\001" | cat - "$f" > "$0/$(basename "$f")"; done' "$dir" {} +
              # transcripts, read as labelled turns (3), WebVTT (4) and SRT (5)
              for f in ../tests/fixtures/transcripts/*.*; do
                  for k in 3 4 5; do printf "\\00$k" | cat - "$f" > "$dir/t$k-$(basename "$f")"; done
              done ;;
        *) find ../examples ../tests/fixtures -name '*.txt' -size -64k -exec cp {} "$dir/" \; ;;
    esac
}
cargo +nightly fuzz build -O -s none
failed=0
for t in "${targets[@]}"; do
    seed "$t"
    echo "== $t: ${secs}s"
    if cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 > "run-$t.log" 2>&1; then
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "run-$t.log"
    else
        failed=1
        echo "FAILED: see fuzz/run-$t.log and fuzz/artifacts/$t/"
        grep -E 'ERROR|panicked|Timeout' "run-$t.log" | head -5
    fi
done
exit $failed
