#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 600), seeding each
# corpus from the project's own fixtures and grammar. Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
secs=${SECONDS_EACH:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scan attribute grammar compare check)
seed() {
    local t=$1 dir=corpus/$1
    mkdir -p "$dir"
    case $t in
        grammar) for f in ../grammar/*.txt; do cp "$f" "$dir/$(basename "$f")"; done ;;
        *) find ../examples ../tests/fixtures -name '*.txt' -size -64k -exec cp {} "$dir/" \; ;;
    esac
}
cargo +nightly fuzz build -O -s none
for t in "${targets[@]}"; do
    seed "$t"
    echo "== $t: ${secs}s"
    cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
        tee "run-$t.log" | grep -E '^(Done|==|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|panicked|Timeout' || true
done
