#!/bin/sh
# Runs the libFuzzer harnesses built by `make fuzz`, one after the other, each for SECONDS.
#
#   sh tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...     (TARGET: compile, vm, csv)
#
# Each target keeps a growing corpus in BUILD_DIR/corpus/TARGET, seeded on every run from the
# repository (seed below) and from the kept crashers in tests/fuzz/regress/TARGET. A crash, leak,
# sanitizer report or timeout leaves its input as BUILD_DIR/crash/TARGET-*; copy it into
# tests/fuzz/regress/TARGET/ (a descriptive name) once fixed, and test_fuzz_regress replays it.
# Ends with `N passed, N failed` (a target passes when it ran its time without a finding).
set -u
[ $# -ge 3 ] || { echo "usage: sh tests/fuzz/run.sh BUILD_DIR SECONDS TARGET..." >&2; exit 2; }
B=$1
SECS=$2
shift 2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2

# Copies the seed inputs of [target] into directory [dir].
seed() {
    mkdir -p "$2"
    case $1 in
        compile | vm) find tests examples stdlib -name '*.pine' -type f ;;
        csv) find tests examples -name '*.csv' -type f ;;
    esac | while IFS= read -r f; do
        cp "$f" "$2/$(printf '%s' "$f" | tr '/' '_')"
    done
    [ -d "tests/fuzz/regress/$1" ] && cp tests/fuzz/regress/"$1"/* "$2/" 2>/dev/null
    return 0
}

passed=0
failed=0
for t in "$@"; do
    bin=$B/fuzz_$t
    seeds=$B/seeds/$t
    corpus=$B/corpus/$t
    rm -rf "$seeds"
    seed "$t" "$seeds"
    mkdir -p "$corpus" "$B/crash"
    dict=
    [ "$t" = csv ] || dict=-dict=tests/fuzz/pine.dict
    echo "fuzz: $t for ${SECS}s (corpus $corpus)"
    # -close_fd_mask=3 silences the scripts' own messages; sanitizer reports still print.
    # shellcheck disable=SC2086
    "$bin" "$corpus" "$seeds" $dict -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -close_fd_mask=3 -print_final_stats=1 \
        -artifact_prefix="$B/crash/$t-" >"$B/fuzz-$t.log" 2>&1
    rc=$?
    tail -n 12 "$B/fuzz-$t.log" | grep -E '^(stat::number_of_executed_units|stat::peak_rss|Done|SUMMARY|==[0-9]+==ERROR|artifact_prefix)' |
        sed 's/^/    /'
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok fuzz_$t"
    else
        failed=$((failed + 1))
        echo "FAIL fuzz_$t: exit $rc; see $B/fuzz-$t.log and $B/crash/"
    fi
done
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
