#!/bin/sh
# The test runner: unit-test programs, then every tests/**/*.pine, checked against the directives
# in its comment lines (docs/testing.md). POSIX sh; works with dash and mawk.
#
#   sh tests/run.sh PINE_BIN [UNIT_BIN_DIR] [TEST.pine|DIR ...]
#
# With TEST/DIR arguments only those tests run (and no unit programs). Prints `FAIL path: reason`
# per failure, `ok path` per pass when VERBOSE=1, and ends with `N passed, N failed`.

set -u

if [ $# -lt 1 ]; then
    echo "usage: sh tests/run.sh PINE_BIN [UNIT_BIN_DIR] [TEST.pine|DIR ...]" >&2
    exit 2
fi
PINE=$1
UNIT=${2:-}
if [ $# -ge 2 ]; then shift 2; else shift 1; fi

# Paths given on the command line are relative to where we were started; tests run from the root.
abspath() {
    case $1 in
        /*) printf '%s\n' "$1" ;;
        */*) d=$(cd "$(dirname "$1")" 2>/dev/null && pwd) && printf '%s/%s\n' "$d" "$(basename "$1")" ||
                printf '%s\n' "$1" ;;
        *) printf '%s\n' "$1" ;;
    esac
}
PINE=$(abspath "$PINE")
[ -n "$UNIT" ] && UNIT=$(abspath "$UNIT")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
START=$(pwd)

TIMEOUT=${PINE_TEST_TIMEOUT:-10}
VERBOSE=${VERBOSE:-0}
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-tests.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

# Prints `FAIL NAME: REASON` and the lines of file [3] (if any), indented.
fail() {
    failed=$((failed + 1))
    printf 'FAIL %s: %s\n' "$1" "$2"
    if [ $# -ge 3 ] && [ -s "$3" ]; then
        head -n 12 "$3" | sed 's/^/    /'
    fi
}

pass() {
    passed=$((passed + 1))
    [ "$VERBOSE" = 1 ] && printf 'ok %s\n' "$1"
    return 0
}

# ======================================================================= CSV COMPARISON
# One awk program, two jobs.
#   mode=spec2cmp:  reads the expected-values file [spec] (lines `TITLE<US>v0, v1, ...`) and the
#                   plots CSV (stdin); prints one line per mismatching column, nothing when all match.
#   mode=csv2spec:  turns an expected-plots CSV (stdin) into spec lines for every column that is not
#                   time/open/high/low/close/Volume.
# Numbers match within relative 1e-9 or absolute 1e-12; NaN/na match only NaN/na.
CMP_AWK="$(cat "$ROOT/tests/csv.awk")"'
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function isna(s) { s = tolower(s); return s == "nan" || s == "na" }
function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
function norm(s) {
    s = trim(s)
    if (s == "true") return "1"
    if (s == "false") return "0"
    return s
}
function absv(x) { return x < 0 ? -x : x }
function same(e, g,    a, b, d, m) {
    e = norm(e); g = norm(g)
    if (isna(e) || isna(g)) return isna(e) && isna(g)
    if (e == g) return 1
    if (!isnum(e) || !isnum(g)) return 0
    a = e + 0; b = g + 0
    d = absv(a - b); m = absv(a) > absv(b) ? absv(a) : absv(b)
    return d <= 1e-12 || d <= 1e-9 * m
}
function ohlcv(t) { return t == "time" || t == "open" || t == "high" || t == "low" || t == "close" || t == "Volume" }
BEGIN { US = sprintf("%c", 31) }
mode == "csv2spec" {
    n = csvsplit($0, f)
    if (NR == 1) { for (i = 1; i <= n; i++) title[i] = f[i]; ncol = n; next }
    for (i = 1; i <= ncol; i++) if (!ohlcv(title[i])) vals[i] = vals[i] (NR > 2 ? ", " : "") f[i]
    next
}
mode == "csv2spec" { next }
NR == 1 {
    n = csvsplit($0, f)
    for (i = 1; i <= n; i++) { col[f[i]] = i; header = header (i > 1 ? " | " : "") f[i] }
    next
}
{
    n = csvsplit($0, f)
    nbars++
    got_time[nbars] = f[1]
    for (i = 1; i <= n; i++) cell[nbars, i] = f[i]
}
END {
    if (mode == "csv2spec") {
        for (i = 1; i <= ncol; i++) if (!ohlcv(title[i])) printf "%s%s%s\n", title[i], US, vals[i]
        exit 0
    }
    if (NR == 0) { print "the plots file is empty"; exit 0 }
    while ((getline line < spec) > 0) {
        p = index(line, US)
        if (p == 0) { printf "malformed expect: directive \"%s\" (want TITLE = v0, v1, ...)\n", line; continue }
        t = substr(line, 1, p - 1)
        ne = split(substr(line, p + 1), ev, ",")
        if (!(t in col)) { printf "no column \"%s\" in the output (columns: %s)\n", t, header; continue }
        if (ne != nbars) {
            printf "column \"%s\": %d expected values, the output has %d bars\n", t, ne, nbars
        }
        k = col[t]
        for (b = 1; b <= ne && b <= nbars; b++) {
            if (!same(ev[b], cell[b, k])) {
                printf "column \"%s\": bar %d (time %s): expected %s, got %s\n", t, b - 1, got_time[b], norm(ev[b]), cell[b, k]
                break
            }
        }
    }
}
'

# ======================================================================= UNIT PROGRAMS
run_units() {
    for u in "$UNIT"/*; do
        [ -f "$u" ] && [ -x "$u" ] || continue
        name=${u#"$START"/}
        timeout 60 "$u" >"$T/u.out" 2>"$T/u.err"
        rc=$?
        np=$(grep -c '^pass ' "$T/u.out")
        nf=$(grep -c '^FAIL ' "$T/u.out")
        passed=$((passed + np))
        failed=$((failed + nf))
        grep '^FAIL ' "$T/u.out" | while IFS= read -r l; do
            printf 'FAIL %s: %s\n' "$name" "${l#FAIL }"
        done
        if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
            if [ "$rc" -eq 124 ]; then why="timed out after 60s"
            elif [ "$rc" -gt 128 ]; then why="crashed (signal $((rc - 128)))"
            else why="exited $rc without a FAIL line"; fi
            fail "$name" "$why" "$T/u.err"
        fi
    done
}

# ======================================================================= SCRIPT TESTS
# tests/**/*.test.sh: shell tests (`sh SCRIPT PINE_BIN`, run from the root) for what a .pine file
# cannot express, e.g. a terminal session. Like the unit programs, each prints `pass NAME` or
# `FAIL NAME: why` per case (and may print `skip NAME: why`, shown but not counted).
run_script() {
    timeout 120 sh "$1" "$PINE" >"$T/s.out" 2>"$T/s.err"
    rc=$?
    np=$(grep -c '^pass ' "$T/s.out")
    nf=$(grep -c '^FAIL ' "$T/s.out")
    passed=$((passed + np))
    failed=$((failed + nf))
    grep -e '^FAIL ' -e '^skip ' "$T/s.out" | while IFS= read -r l; do
        printf '%s %s: %s\n' "${l%% *}" "$1" "${l#* }"
    done
    if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
        fail "$1" "exited $rc without a FAIL line" "$T/s.err"
    fi
}

# ======================================================================= PINE TESTS
# Reads the directives of a test (stdin) into files under [T]: d_data, d_args, d_cmd, d_exit (one
# line each), and errors, rterr, stderr_has, stdout_has, spec (one line per directive; spec lines
# are `TITLE<US>v0, v1, ...`, error lines `LINE:COL: error: MESSAGE`).
DIR_AWK='
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function put(name, s) { print s > (T "/" name) }
BEGIN {
    US = sprintf("%c", 31); data = "basic.csv"
    n = split("errors rterr stderr_has stdout_has spec", names, " ")
    for (i = 1; i <= n; i++) printf "" > (T "/" names[i])
}
{
    sub(/\r$/, "")
    line = trim($0)
    if (substr(line, 1, 2) != "//") next
    d = trim(substr(line, 3))
    if (d ~ /^data:/) data = trim(substr(d, 6))
    else if (d ~ /^args:/) args = substr(d, 6)
    else if (d ~ /^cmd:/) cmd = substr(d, 5)
    else if (d ~ /^expect exit:/) exitc = trim(substr(d, 13))
    else if (d ~ /^expect stderr:/) put("stderr_has", trim(substr(d, 15)))
    else if (d ~ /^expect stdout:/) put("stdout_has", trim(substr(d, 15)))
    else if (d ~ /^expect runtime error:/) put("rterr", trim(substr(d, 22)))
    else if (d ~ /^expect error:/) {
        v = trim(substr(d, 14))
        if (match(v, /^[0-9]+:[0-9]+:/)) v = substr(v, 1, RLENGTH) " error: " trim(substr(v, RLENGTH + 1))
        put("errors", v)
    } else if (d ~ /^expect:/) {
        # TITLE = v0, v1, ...: the title is everything before the last "=".
        v = substr(d, 8); p = 0
        for (i = length(v); i > 0; i--) if (substr(v, i, 1) == "=") { p = i; break }
        put("spec", p ? trim(substr(v, 1, p - 1)) US substr(v, p + 1) : v)
    }
}
END { put("d_data", data); put("d_args", args); put("d_cmd", cmd); put("d_exit", exitc) }
'

read_directives() {
    awk -v T="$T" "$DIR_AWK" "$1"
    IFS= read -r data <"$T/d_data"
    IFS= read -r args <"$T/d_args"
    IFS= read -r cmd <"$T/d_cmd"
    IFS= read -r exitc <"$T/d_exit"
}

# Fails unless every line of [2] occurs (as a substring) in file [3]; [4] names the stream.
check_has() {
    while IFS= read -r want; do
        [ -n "$want" ] || continue
        if ! grep -F -q -e "$want" "$3"; then
            fail "$1" "$4 does not contain \"$want\"" "$3"
            return 1
        fi
    done <"$2"
    return 0
}

run_test() {
    f=$1
    read_directives "$f"
    out=$T/plots.csv
    rm -f "$out"

    if [ -f "tests/data/$data" ]; then data=tests/data/$data
    elif [ -f "$(dirname "$f")/$data" ]; then data=$(dirname "$f")/$data
    else fail "$f" "data file $data not found (looked in tests/data/ and beside the test)"; return; fi

    sibling=${f%.pine}.csv
    [ -f "$sibling" ] && awk -v mode=csv2spec "$CMP_AWK" <"$sibling" >>"$T/spec"

    if [ -s "$T/errors" ]; then
        set -- check "$f"
        want=3
    else
        if [ -n "$cmd" ]; then
            c=$(printf '%s' "$cmd" | sed 's/{file}/"$f"/g; s/{data}/"$data"/g; s/{out}/"$out"/g')
            while case $c in *"{args}"*) true ;; *) false ;; esac do
                c="${c%%"{args}"*}$args${c#*"{args}"}"
            done
        else
            c="run \"\$f\" --data \"\$data\" --out \"\$out\" $args"
        fi
        if ! eval "set -- $c" 2>"$T/evalerr"; then
            fail "$f" "cannot parse the cmd:/args: directive" "$T/evalerr"; return
        fi
        if [ -n "$exitc" ]; then want=$exitc
        elif [ -s "$T/rterr" ]; then want=1
        else want=0; fi
    fi

    timeout "$TIMEOUT" "$PINE" "$@" >"$T/stdout" 2>"$T/stderr"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        if [ "$rc" -eq 124 ]; then why="timed out after ${TIMEOUT}s"
        elif [ "$rc" -gt 128 ]; then why="crashed (signal $((rc - 128))), expected exit $want"
        else why="exit $rc, expected $want"; fi
        fail "$f" "$why (pine $*)" "$T/stderr"
        return
    fi

    if [ -s "$T/errors" ]; then
        while IFS= read -r e; do
            [ -n "$e" ] || continue
            if ! grep -F -x -q -e "$f:$e" "$T/stderr"; then
                fail "$f" "no error line \"$f:$e\"; stderr was:" "$T/stderr"
                return
            fi
        done <"$T/errors"
        # Compile-error lines must all be expected ones: an extra error is a failure too.
        grep -E "^$f:[0-9]+:[0-9]+: error: " "$T/stderr" | sed "s|^$f:||" >"$T/got_errors"
        while IFS= read -r g; do
            if ! grep -F -x -q -e "$g" "$T/errors"; then
                fail "$f" "unexpected error \"$f:$g\""
                return
            fi
        done <"$T/got_errors"
    fi
    check_has "$f" "$T/rterr" "$T/stderr" stderr || return
    check_has "$f" "$T/stderr_has" "$T/stderr" stderr || return
    check_has "$f" "$T/stdout_has" "$T/stdout" stdout || return

    if [ -s "$T/spec" ]; then
        if [ ! -f "$out" ]; then
            fail "$f" "no plots file was written" "$T/stderr"
            return
        fi
        awk -v mode=spec2cmp -v spec="$T/spec" "$CMP_AWK" <"$out" >"$T/diff"
        if [ -s "$T/diff" ]; then
            fail "$f" "$(head -n 1 "$T/diff")"
            sed '1d' "$T/diff" | head -n 10 | sed 's/^/    /'
            return
        fi
    fi
    pass "$f"
}

# ======================================================================= MAIN
[ -x "$PINE" ] || command -v "$PINE" >/dev/null 2>&1 || echo "run.sh: $PINE is not an executable" >&2

if [ $# -eq 0 ]; then
    [ -n "$UNIT" ] && [ -d "$UNIT" ] && run_units
    cd "$ROOT" || exit 2
    find tests -name '*.pine' -type f | LC_ALL=C sort >"$T/list"
    find tests -name '*.test.sh' -type f | LC_ALL=C sort >>"$T/list"
else
    for p in "$@"; do
        a=$(abspath "$p")
        case $a in
            "$ROOT"/*) printf '%s\n' "${a#"$ROOT"/}" ;;
            *) printf '%s\n' "$a" ;;
        esac
    done >"$T/args"
    cd "$ROOT" || exit 2
    while IFS= read -r p; do
        if [ -d "$p" ]; then
            find "$p" -name '*.pine' -type f | LC_ALL=C sort
            find "$p" -name '*.test.sh' -type f | LC_ALL=C sort
        else printf '%s\n' "$p"; fi
    done <"$T/args" >"$T/list"
fi

while IFS= read -r f; do
    case $f in
        *.test.sh) run_script "$f" </dev/null ;;
        *) run_test "$f" </dev/null ;;
    esac
done <"$T/list"

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
