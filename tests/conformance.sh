#!/bin/sh
# Conformance: runs pine on TradingView's own exports (../shared/fixtures/tradingview, beside the
# checkout) and compares every exported plot column with ours. POSIX sh; works with dash and mawk.
#
#   sh tests/conformance.sh PINE_BIN
#
# Each indicators/*.csv is both the bars and the expected output: every column other than
# time/open/high/low/close/Volume is titled with the Pine expression that produced it
# ("ta.ema(close, 20)", or "ta.bb(close, 20, 2).upper" for one element of a tuple). We build a
# script that plots each expression under its title, run it on the same file and compare.

set -u

if [ $# -ne 1 ]; then
    echo "usage: sh tests/conformance.sh PINE_BIN" >&2
    exit 2
fi
PINE=$1
case $PINE in
    /*) ;;
    */*) d=$(cd "$(dirname "$PINE")" 2>/dev/null && pwd) && PINE=$d/$(basename "$PINE") ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIX=$ROOT/../shared/fixtures/tradingview

if [ ! -d "$FIX" ]; then
    echo "conformance: skipped (../shared/fixtures/tradingview not found)"
    exit 0
fi
FIX=$(cd "$FIX" && pwd)

T=$(mktemp -d "${TMPDIR:-/tmp}/pine-conformance.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

# ======================================================================= AWK
# Shared pieces: a CSV splitter that honours "" quoting, and the number comparison
# (relative 1e-9, absolute 1e-12, NaN equals only NaN).
AWK_LIB="$(cat "$ROOT/tests/csv.awk")"'
function isna(s) { s = tolower(s); return s == "nan" || s == "na" || s == "" }
function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
function absv(x) { return x < 0 ? -x : x }
function same(e, g,    a, b, d, m) {
    if (isna(e) || isna(g)) return isna(e) && isna(g)
    if (e == g) return 1
    if (!isnum(e) || !isnum(g)) return 0
    a = e + 0; b = g + 0
    d = absv(a - b); m = absv(a) > absv(b) ? absv(a) : absv(b)
    return d <= 1e-12 || d <= 1e-9 * m
}
function ohlcv(t) { t = tolower(t); return t == "time" || t == "open" || t == "high" || t == "low" || t == "close" || t == "volume" }
'

# Reads a fixture's header and writes a Pine v5 script plotting each expression column under its
# title. Tuple-valued calls are declared once and their elements plotted by name; a column we
# cannot express is listed on stderr as `unsupported TITLE`.
GEN_AWK='
function quote(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
# Element index of [elem] in the tuple returned by [fn] (TradingView'"'"'s documented order), or -1.
function elem_index(fn, elem) {
    if (fn == "ta.bb" || fn == "ta.kc") {
        if (elem == "base" || elem == "basis" || elem == "middle") return 0
        if (elem == "upper") return 1
        if (elem == "lower") return 2
    } else if (fn == "ta.macd") {
        if (elem == "macd" || elem == "macdLine") return 0
        if (elem == "signal" || elem == "signalLine") return 1
        if (elem == "hist" || elem == "histLine" || elem == "histogram") return 2
    } else if (fn == "ta.dmi") {
        if (elem == "diplus" || elem == "plus") return 0
        if (elem == "diminus" || elem == "minus") return 1
        if (elem == "adx") return 2
    } else if (fn == "ta.supertrend") {
        if (elem == "supertrend") return 0
        if (elem == "direction") return 1
    }
    return -1
}
function tuple_size(fn) { return fn == "ta.supertrend" ? 2 : 3 }
NR == 1 {
    n = csvsplit($0, f)
    print "//@version=5"
    print "indicator(" quote("conformance " name) ", max_bars_back = 5000)"
    for (i = 1; i <= n; i++) {
        t = f[i]
        if (ohlcv(t)) continue
        if (match(t, /\)\.[A-Za-z_]+$/)) {
            call = substr(t, 1, RSTART)
            elem = substr(t, RSTART + 2)
            fn = substr(call, 1, index(call, "(") - 1)
            k = elem_index(fn, elem)
            if (k < 0) { print "unsupported " t > "/dev/stderr"; continue }
            if (!(call in tup)) {
                tup[call] = ++ntup
                line = "["
                for (j = 0; j < tuple_size(fn); j++) line = line (j ? ", " : "") "__t" ntup "_" j
                print line "] = " call
            }
            print "plot(__t" tup[call] "_" k ", title = " quote(t) ")"
        } else {
            print "plot(" t ", title = " quote(t) ")"
        }
    }
}
'

# Compares the fixture (first file) with our plots (second file), column by column.
# Prints `col TITLE ok` or `col TITLE FAIL <first mismatch>` lines.
CMP_AWK='
FNR == 1 {
    n = csvsplit($0, f)
    if (NR == 1) { for (i = 1; i <= n; i++) { etitle[i] = f[i] }; encol = n }
    else for (i = 1; i <= n; i++) gcol[f[i]] = i
    next
}
NR == FNR { erows++; etime[erows] = (csvsplit($0, f) ? f[1] : ""); for (i = 1; i <= encol; i++) e[erows, i] = f[i]; next }
{ grows++; csvsplit($0, f); for (t in gcol) g[grows, gcol[t]] = f[gcol[t]] }
END {
    for (i = 1; i <= encol; i++) {
        t = etitle[i]
        if (ohlcv(t)) continue
        if (!(t in gcol)) { printf "col %s FAIL not in the output\n", t; continue }
        if (erows != grows) { printf "col %s FAIL %d bars expected, %d in the output\n", t, erows, grows; continue }
        k = gcol[t]; bad = 0; first = ""
        for (b = 1; b <= erows; b++) {
            if (!same(e[b, i], g[b, k])) {
                if (!bad) first = sprintf("bar %d (time %s): expected %s, got %s", b - 1, etime[b], e[b, i], g[b, k])
                bad++
            }
        }
        if (bad) printf "col %s FAIL %s (%d of %d bars differ)\n", t, first, bad, erows
        else printf "col %s ok\n", t
    }
}
'

# ======================================================================= INDICATORS
for fx in "$FIX"/indicators/*.csv; do
    [ -f "$fx" ] || continue
    name=$(basename "$fx")
    script=$T/script.pine
    awk -v name="$name" "$AWK_LIB$GEN_AWK" "$fx" >"$script" 2>"$T/unsupported"
    # Columns we could not express fail once, and are left out of the comparison.
    sed 's/^unsupported \(.*\)$/col \1 FAIL cannot build an expression for this column/' "$T/unsupported" >"$T/result"
    sed 's/^unsupported \(.*\)$/col \1 /' "$T/unsupported" >"$T/skip"
    : >"$T/detail"
    if timeout 60 "$PINE" run "$script" --data "$fx" --out "$T/out.csv" >"$T/stdout" 2>"$T/stderr"; then
        awk "$AWK_LIB$CMP_AWK" "$fx" "$T/out.csv" >"$T/cmp"
    else
        rc=$?
        awk "$AWK_LIB"'NR == 1 { n = csvsplit($0, f); for (i = 1; i <= n; i++) if (!ohlcv(f[i])) print "col " f[i] " FAIL pine run failed" }' "$fx" >"$T/cmp"
        {
            echo "pine run exited $rc:"
            head -n 8 "$T/stderr" | sed 's/^/  /'
            echo "the generated script:"
            sed 's/^/  | /' "$script"
        } >"$T/detail"
    fi
    if [ -s "$T/skip" ]; then grep -v -F -f "$T/skip" "$T/cmp" >>"$T/result"; else cat "$T/cmp" >>"$T/result"; fi
    ok=$(grep -c ' ok$' "$T/result")
    bad=$(grep -c ' FAIL ' "$T/result")
    passed=$((passed + ok))
    failed=$((failed + bad))
    if [ "$bad" -eq 0 ]; then
        echo "ok $name ($ok columns)"
    else
        echo "FAIL $name: $bad of $((ok + bad)) columns differ"
        grep ' FAIL ' "$T/result" | sed 's/^col \(.*\) FAIL \(.*\)$/    "\1": \2/'
        sed 's/^/    /' "$T/detail"
    fi
done

# ======================================================================= STRATEGIES
# TradingView's built-in "RSI Strategy" with the settings of rsi_strategy_trades.csv, compared
# with its "List of trades" export. Text columns must match exactly; numbers within the rounding
# the export shows (half a unit of its last decimal).
RSI_STRATEGY='//@version=5
strategy("RSI Strategy", overlay = true)
length = input(14, "Length")
overSold = input(30, "Oversold")
overBought = input(70, "Overbought")
price = close
vrsi = ta.rsi(price, length)
co = ta.crossover(vrsi, overSold)
cu = ta.crossunder(vrsi, overBought)
if not na(vrsi)
    if co
        strategy.entry("RsiLE", strategy.long, comment = "RsiLE")
    if cu
        strategy.entry("RsiSE", strategy.short, comment = "RsiSE")
'

TRADES_AWK='
function decimals(s) { return index(s, ".") ? length(s) - index(s, ".") : 0 }
function near(e, g,    tol) {
    if (e == g) return 1
    if (!isnum(e) || !isnum(g)) return 0
    tol = 0.5 * 10 ^ (-decimals(e)) + 1e-12
    return absv(e - g) <= tol
}
FNR == 1 { n = csvsplit($0, f); if (NR == 1) { for (i = 1; i <= n; i++) et[i] = f[i]; encol = n } else for (i = 1; i <= n; i++) gc[f[i]] = i; next }
NR == FNR { er++; csvsplit($0, f); for (i = 1; i <= encol; i++) e[er, i] = f[i]; next }
{ gr++; csvsplit($0, f); for (t in gc) g[gr, gc[t]] = f[gc[t]] }
END {
    for (i = 1; i <= encol; i++) if (!(et[i] in gc)) { printf "column \"%s\" is missing\n", et[i]; exit }
    if (er != gr) printf "%d trade rows expected, %d written\n", er, gr
    for (r = 1; r <= er && r <= gr; r++)
        for (i = 1; i <= encol; i++)
            if (!near(e[r, i], g[r, gc[et[i]]])) {
                printf "row %d (trade %s), \"%s\": expected %s, got %s\n", r, e[r, 1], et[i], e[r, i], g[r, gc[et[i]]]
                if (++shown >= 5) exit
            }
}
'

run_strategies() {
    printf '%s' "$RSI_STRATEGY" >"$T/rsi_strategy.pine"
    ref=$FIX/strategies/rsi_strategy_trades.csv
    if timeout 120 "$PINE" backtest "$T/rsi_strategy.pine" --data "$FIX/strategies/eurusd_60m_ohlcv.csv" \
        --mintick 0.00001 --timezone America/New_York --trades "$T/trades.csv" >"$T/stdout" 2>"$T/stderr"; then
        awk "$AWK_LIB$TRADES_AWK" "$ref" "$T/trades.csv" >"$T/tdiff"
    else
        echo "pine backtest exited $?" >"$T/tdiff"
        head -n 8 "$T/stderr" >>"$T/tdiff"
    fi
    if [ -s "$T/tdiff" ]; then
        failed=$((failed + 1))
        echo "FAIL strategies/rsi_strategy_trades.csv:"
        sed 's/^/    /' "$T/tdiff"
    else
        passed=$((passed + 1))
        echo "ok strategies/rsi_strategy_trades.csv"
    fi
}

if "$PINE" backtest --help >/dev/null 2>&1; then
    run_strategies
else
    echo "conformance: strategies: skipped (strategy engine not built yet)"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
