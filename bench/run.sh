#!/bin/sh
# The measurement suite of issue 7 (`make bench` runs `sh bench/run.sh build/pine`): builds the
# helper programs and the data under build/bench/, times each case, prints every figure beside
# its target and the hand-written reference, and never fails the build. docs/performance.md
# explains the cases, the method and the numbers.
#
# Environment (defaults in brackets):
#   BENCH_BARS=N         bars in the main data set [1000000]
#   BENCH_REPS=N         runs per timing; the median is reported [5]
#   BENCH_CALLGRIND=0|1  instructions per bar from valgrind --tool=callgrind [1 when valgrind
#                        is installed]; BENCH_CG_BARS bars for those runs [100000]
#   BENCH_FULL=0|1       also the 10M-bar streaming case (--data -) [0];
#                        BENCH_STREAM_BARS its size [10000000]
#   CC                   compiler for the helpers [cc]

PINE=${1:-build/pine}
ROOT=$(dirname "$0")/..
BUILD=$(dirname "$PINE")
B=$BUILD/bench
N=${BENCH_BARS:-1000000}
REPS=${BENCH_REPS:-5}
CG_BARS=${BENCH_CG_BARS:-100000}
FULL=${BENCH_FULL:-0}
STREAM_BARS=${BENCH_STREAM_BARS:-10000000}
if [ -z "$BENCH_CALLGRIND" ]; then
    if command -v valgrind >/dev/null 2>&1; then BENCH_CALLGRIND=1; else BENCH_CALLGRIND=0; fi
fi
CC=${CC:-cc}
mkdir -p "$B"

say() { printf '%s\n' "$*"; }
# kv KEY LINE: the value of KEY=value in LINE.
kv() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
# calc EXPR: awk arithmetic, printed with up to 4 significant digits after rounding.
calc() { awk "BEGIN { v = $1; printf \"%s\", v }"; }
# row NAME VALUE TARGET REFERENCE STATUS
row() { printf '  %-34s %-30s %-19s %-30s %s\n' "$1" "$2" "$3" "$4" "$5"; }
# verdict OK: "met" or "MISSED".
verdict() { if [ "$1" = 1 ]; then printf 'met'; else printf 'MISSED'; fi; }
human() { awk -v v="$1" 'BEGIN {
    if (v >= 1e9) printf "%.2fG", v / 1e9; else if (v >= 1e6) printf "%.2fM", v / 1e6;
    else if (v >= 1e3) printf "%.1fk", v / 1e3; else printf "%.0f", v }'; }

# ====== helpers and data

if [ ! -x "$PINE" ] || [ ! -f "$BUILD/libpine.a" ]; then
    say "bench: $PINE or $BUILD/libpine.a is missing; run make first"
    exit 0
fi
HCFLAGS="-O2 -g -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra"
# build NAME SRC [LINK...]: compiles SRC (relative to bench/) into $B/NAME when missing or out
# of date.
build() {
    name=$1 src=$ROOT/bench/$2
    shift 2
    if [ ! -x "$B/$name" ] || [ "$src" -nt "$B/$name" ] || [ "$BUILD/libpine.a" -nt "$B/$name" ]; then
        # shellcheck disable=SC2086
        $CC $HCFLAGS -I"$ROOT/include" -I"$ROOT/src" -I"$BUILD" -o "$B/$name" "$src" "$@" ||
            { say "bench: cannot build $name"; exit 0; }
    fi
}
build genbars ../examples/genbars.c
build ref_script1 ref_script1.c -lm
build ref_script2 ref_script2.c -lm
build vmbench vmbench.c "$BUILD/libpine.a" -lcsv -lutf8proc -ledit -lm

DATA=$B/bars_$N.csv
# One-minute bars of examples/genbars.c (seed 1).
if [ ! -s "$DATA" ] || [ "$B/genbars" -nt "$DATA" ]; then
    "$B/genbars" "$N" 1 60 > "$DATA" || exit 0
fi
CG_DATA=$B/bars_$CG_BARS.csv
if [ ! -s "$CG_DATA" ] || [ "$B/genbars" -nt "$CG_DATA" ]; then
    "$B/genbars" "$CG_BARS" 1 60 > "$CG_DATA" || exit 0
fi
sh "$ROOT/bench/gen_script500.sh" > "$B/script500.pine"
S1=$ROOT/bench/script1.pine
S2=$ROOT/bench/script2.pine
S3=$ROOT/bench/script3.pine
BYTES=$(wc -c < "$DATA" | tr -d ' ')

say "pine benchmarks: $N one-minute bars ($(human "$BYTES")B of CSV), median of $REPS runs"
say "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
row "case" "pine" "target" "reference" "status"

# ====== 1. script 1, end to end and execution alone

line=$("$B/vmbench" spawn "$REPS" "$PINE" run "$S1" --data "$DATA" --out "$B/out1.csv")
s1_s=$(kv median_s "$line")
s1_rss=$(kv peak_rss_kb "$line")
ref_line=$("$B/vmbench" spawn "$REPS" "$B/ref_script1" "$DATA" "$B/ref1.csv")
ref_s=$(kv median_s "$ref_line")
# The reference's phases, each the median of REPS runs.
i=0
: > "$B/ref_phases.txt"
while [ "$i" -lt "$REPS" ]; do
    "$B/ref_script1" "$DATA" "$B/ref1.csv" --phases >> "$B/ref_phases.txt"
    i=$((i + 1))
done
ref_phases=""
for key in load_s compute_s write_s; do
    m=$(sed -n "s/.*$key=\([0-9.]*\).*/\1/p" "$B/ref_phases.txt" | sort -n |
        awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    ref_phases="$ref_phases $key=$m"
done
ratio=$(calc "$s1_s / $ref_s")
row "script 1 end to end" "$(human "$(calc "$N / $s1_s")") bars/s" "ratio <= 1.0" \
    "$(human "$(calc "$N / $ref_s")") bars/s (ratio $(calc "int($ratio * 100 + 0.5) / 100"))" \
    "$(verdict "$(calc "$ratio <= 1.0")")"
bpb=$(calc "int($s1_rss * 1024 / $N)")
row "script 1 memory (peak RSS / bar)" "$bpb B ($(human "$((s1_rss * 1024))")B)" "<= 120 B" \
    "$(calc "int($(kv peak_rss_kb "$ref_line") * 1024 / $N)") B" "$(verdict "$(calc "$bpb <= 120")")"
# The two outputs agree to 1e-9 (relative) on the first 100k rows: the reference is a check too.
agree=$(head -n 100001 "$B/out1.csv" | awk -F, -v ref="$B/ref1.csv" '
    { if ((getline r < ref) <= 0) { bad++; exit } split(r, q, ",")
      for (k = 1; k <= NF; k++) {
          if ($k == q[k]) continue
          d = $k - q[k]; if (d < 0) d = -d; m = q[k] < 0 ? -q[k] : q[k]
          if (d > 1e-9 * (m > 1 ? m : 1)) { bad++; if (!first) first = NR ": " $0 " | " r } } }
    END { print bad ? "DIFFER (" bad " values; first row " first ")" : "agree" }')
say "  (script 1 plots vs the reference on 100k rows: $agree)"

line=$("$B/vmbench" exec "$S1" "$DATA" "$REPS")
ex_bps=$(kv bars_per_s "$line")
ref_cs=$(kv compute_s "$ref_phases")
row "script 1 execution alone" "$(human "$ex_bps") bars/s" ">= 10M bars/s" \
    "$(human "$(calc "$N / $ref_cs")") bars/s (plain C)" "$(verdict "$(calc "$ex_bps >= 1e7")")"

# ====== 2. script 2, the strategy

if "$PINE" backtest --help >/dev/null 2>&1; then
    line=$("$B/vmbench" spawn "$REPS" "$PINE" backtest "$S2" --data "$DATA" --trades "$B/trades2.csv")
    s2_s=$(kv median_s "$line")
    s2_bps=$(calc "$N / $s2_s")
    loop=$("$B/ref_script2" "$DATA" "$B/trades2.csv")
    row "script 2 end to end" "$(human "$s2_bps") bars/s" ">= 5M bars/s" \
        "$(human "$(kv bars_per_s "$loop")") bars/s (C loop)" "$(verdict "$(calc "$s2_bps >= 5e6")")"
    say "  ($(printf '%s\n' "$loop" | sed -n 's/^trades: //p'); $(printf '%s\n' "$loop" | sed -n 's/^loop: .*trades=\([0-9]*\).*/\1 trades in the C loop/p'))"
    row "script 2 memory (peak RSS / bar)" "$(calc "int($(kv peak_rss_kb "$line") * 1024 / $N)") B" "-" "-" "-"
else
    row "script 2 end to end" "skipped (no strategy engine)" ">= 5M bars/s" "" "-"
fi

# ====== 3. script 3, heavier indicators

line=$("$B/vmbench" spawn "$REPS" "$PINE" run "$S3" --data "$DATA" --out "$B/out3.csv")
row "script 3 end to end" "$(human "$(calc "$N / $(kv median_s "$line")")") bars/s" "-" "-" "-"
line=$("$B/vmbench" exec "$S3" "$DATA" "$REPS")
row "script 3 execution alone" "$(human "$(kv bars_per_s "$line")") bars/s" "-" "-" "-"

# ====== 4. CSV in, plots CSV out

line=$("$B/vmbench" load "$DATA" "$REPS")
mbs=$(kv mb_per_s "$line")
row "CSV ingest (bars_load)" "$mbs MB/s" ">= 300 MB/s" \
    "$(calc "int($BYTES / $(kv load_s "$ref_phases") / 1e5) / 10") MB/s (strtod)" \
    "$(verdict "$(calc "$mbs >= 300")")"
line=$("$B/vmbench" write "$S1" "$DATA" "$REPS")
wbytes=$(kv bytes "$line")
row "plots CSV writing (script 1)" "$(kv mb_per_s "$line") MB/s" "faster than printf" \
    "$(calc "int($(wc -c < "$B/ref1.csv") / $(kv write_s "$ref_phases") / 1e5) / 10") MB/s (printf)" \
    "$(verdict "$(calc "$(kv median_s "$line") <= $(kv write_s "$ref_phases")")")"
say "  ($(human "$(kv numbers_per_s "$line")") numbers/s, $(human "$wbytes")B written per run)"

# ====== 5. compile time of a 500-line script

line=$("$B/vmbench" spawn 21 "$PINE" check "$B/script500.pine")
ms=$(kv median_ms "$line")
cline=$("$B/vmbench" compile "$B/script500.pine" 21)
row "start-up + compile, 500 lines" "$ms ms" "<= 5 ms" "compile alone $(kv median_ms "$cline") ms" \
    "$(verdict "$(calc "$ms <= 5")")"
row "start-up alone (pine --version)" "$(kv median_ms "$("$B/vmbench" spawn 21 "$PINE" --version)") ms" "-" \
    "$(kv median_ms "$("$B/vmbench" spawn 21 true)") ms (true)" "-"

# ====== 6. streaming from standard input

if [ "$FULL" = 1 ]; then
    line=$("$B/vmbench" spawn 1 sh -c "'$B/genbars' $STREAM_BARS 1 60 | '$PINE' run '$S1' --data - --out /dev/null")
    rss=$(kv peak_rss_kb "$line")
    row "streaming $(human "$STREAM_BARS") bars (--data -)" \
        "$(human "$(calc "$STREAM_BARS / $(kv median_s "$line")")") bars/s" "-" "-" "-"
    row "streaming memory (peak RSS)" "$(human "$((rss * 1024))")B" "< 64 MB" "-" \
        "$(verdict "$(calc "$rss < 65536")")"
else
    row "streaming 10M bars (--data -)" "skipped (BENCH_FULL=1)" "< 64 MB" "-" "-"
fi

# ====== instructions per bar (callgrind)

# incl FILE FUNCTION: inclusive instructions of FUNCTION in a callgrind profile.
incl() {
    callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v f="$2" '
        { n = $1; gsub(",", "", n) }
        $0 ~ "PROGRAM TOTALS" && f == "TOTAL" { print n; exit }
        $0 ~ (":" f "( |$)") { if (n + 0 > best) best = n + 0 }
        END { if (f != "TOTAL") print best + 0 }'
}
# cg OUT CMD...: runs CMD under callgrind into $B/OUT.
cg() {
    out=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$B/$out" "$@" >/dev/null 2>"$B/$out.log"
}
per() { calc "int($1 / $2 + 0.5)"; }

say ""
if [ "$BENCH_CALLGRIND" = 1 ]; then
    say "instructions (valgrind --tool=callgrind, $(human "$CG_BARS") bars; exact, use these to track regressions)"
    cg cg.script1 "$PINE" run "$S1" --data "$CG_DATA" --out "$B/cg_out1.csv"
    tot=$(incl "$B/cg.script1" TOTAL)
    load=$(incl "$B/cg.script1" bars_reader_next)
    vm=$(incl "$B/cg.script1" vm_run_range)
    wr=$(incl "$B/cg.script1" bars_chart_rows)
    comp=$(incl "$B/cg.script1" compile_script)
    cg cg.ref1 "$B/ref_script1" "$CG_DATA" "$B/cg_ref1.csv"
    rtot=$(incl "$B/cg.ref1" TOTAL)
    rload=$(incl "$B/cg.ref1" load)
    row "script 1 end to end" "$(per "$tot" "$CG_BARS") /bar" "-" "$(per "$rtot" "$CG_BARS") /bar" "-"
    row "  CSV load" "$(per "$load" "$CG_BARS") /bar" "-" "$(per "$rload" "$CG_BARS") /bar" \
        "$(calc "int($load / $(wc -c < "$CG_DATA") * 10 + 0.5) / 10") /byte"
    row "  VM (vm_run_range)" "$(per "$vm" "$CG_BARS") /bar" "-" "-" "-"
    row "  plots CSV writing" "$(per "$wr" "$CG_BARS") /bar" "-" "-" \
        "$(per "$wr" "$((CG_BARS * 10))") /number"
    row "  compile" "$(human "$comp")" "-" "-" "-"
    cg cg.script3 "$B/vmbench" exec "$S3" "$CG_DATA" 1
    row "script 3 VM (vm_run_range)" "$(per "$(incl "$B/cg.script3" vm_run_range)" "$CG_BARS") /bar" "-" "-" "-"
    if "$PINE" backtest --help >/dev/null 2>&1; then
        cg cg.script2 "$PINE" backtest "$S2" --data "$CG_DATA" --trades "$B/cg_trades2.csv"
        row "script 2 end to end" "$(per "$(incl "$B/cg.script2" TOTAL)" "$CG_BARS") /bar" "-" "-" "-"
        row "  VM + broker (vm_run_range)" "$(per "$(incl "$B/cg.script2" vm_run_range)" "$CG_BARS") /bar" "-" "-" "-"
    fi
    cg cg.check500 "$PINE" check "$B/script500.pine"
    row "pine check, 500 lines" "$(human "$(incl "$B/cg.check500" TOTAL)")" "-" \
        "compile $(human "$(incl "$B/cg.check500" compile_script)")" "-"
    say "  (profiles in $B/cg.*: callgrind_annotate $B/cg.script1)"
else
    say "instructions: skipped (BENCH_CALLGRIND=0 or no valgrind)"
fi
exit 0
