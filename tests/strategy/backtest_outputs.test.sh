#!/bin/sh
# pine backtest's files, checked against hand-computed expectations for
# tests/strategy/cli/two_trades.pine on tests/strategy/gaps.csv (see the comment in the script):
# the List of trades, the markers, the Pine marker indicator (which `pine check` must accept),
# the JSON report, the equity curve, a --syminfo file and the exit codes.
PINE=$1
S=tests/strategy/cli/two_trades.pine
D=tests/strategy/gaps.csv
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-bt.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

check() { # NAME EXPECTED-FILE GOT-FILE
    if cmp -s "$2" "$3"; then echo "pass $1"; else
        echo "FAIL $1: $(diff "$2" "$3" | head -n 6 | tr '\n' '|')"; fi
}

if "$PINE" backtest "$S" --data "$D" --trades "$T/trades.csv" --markers "$T/markers.csv" \
    --markers-pine "$T/markers.pine" --report "$T/report.json" --equity "$T/equity.csv" \
    >"$T/summary.txt" 2>"$T/err"; then echo "pass backtest runs"; else
    echo "FAIL backtest runs: $(head -n 3 "$T/err" | tr '\n' '|')"; exit 0; fi

# Percentages: -5/103*100, 2/103*100 (run-up), 2/105*100, 5/105*100; cumulative over 1,000,000.
cat >"$T/want_trades.csv" <<'X'
Trade #,Type,Date/Time,Signal,Price USD,Position size (qty),Position size (value),Net P&L USD,Net P&L %,Run-up USD,Run-up %,Drawdown USD,Drawdown %,Cumulative P&L USD,Cumulative P&L %
1,Entry long,2023-01-01T01:00:00+0000,L,103,1,103,-5,-4.854368932038835,2,1.9417475728155338,-5,-4.854368932038835,-5,-0.0005
1,Exit long,2023-01-01T02:00:00+0000,X,98,1,103,-5,-4.854368932038835,2,1.9417475728155338,-5,-4.854368932038835,-5,-0.0005
2,Entry short,2023-01-01T05:00:00+0000,go short,105,1,105,2,1.9047619047619049,5,4.761904761904762,-2,-1.9047619047619049,-3,-0.00030000000000000003
2,Exit short,2023-01-01T07:00:00+0000,Open,103,1,105,2,1.9047619047619049,5,4.761904761904762,-2,-1.9047619047619049,-3,-0.00030000000000000003
X
check "list of trades" "$T/want_trades.csv" "$T/trades.csv"

cat >"$T/want_markers.csv" <<'X'
time,price,action,label,tooltip
1672534800,103,buy,T: LONG Entry,"Trade #1, Price: 103, Size: 1"
1672538400,98,sell,T: LONG Exit,"Trade #1, P&L: -$5.00, ROI: -4.85%"
1672549200,105,sell,T: SHORT Entry,"Trade #2, Price: 105, Size: 1"
1672556400,103,buy,T: SHORT Exit,"Trade #2, P&L: $2.00, ROI: 1.90%"
X
check "markers" "$T/want_markers.csv" "$T/markers.csv"

if "$PINE" check "$T/markers.pine" >/dev/null 2>"$T/err"; then echo "pass markers-pine compiles"
else echo "FAIL markers-pine compiles: $(head -n 3 "$T/err" | tr '\n' '|')"; fi
if grep -q 'add(1672534800000, 103, 1, "Trade #1, Price: 103, Size: 1")' "$T/markers.pine"; then
    echo "pass markers-pine holds the trades"; else echo "FAIL markers-pine holds the trades"; fi

# equity at each close: 1e6; +1 (104); -5 closed; ...; short from 105: 102 → +3, 101 → +4, 103 → +2
cat >"$T/want_equity.csv" <<'X'
time,equity,drawdown,position_size,position_avg_price
1672531200,1000000,0,0,NaN
1672534800,1000001,0,1,103
1672538400,999995,6,0,NaN
1672542000,999995,6,0,NaN
1672545600,999995,6,0,NaN
1672549200,999998,3,-1,105
1672552800,999999,2,-1,105
1672556400,999997,4,-1,105
X
check "equity" "$T/want_equity.csv" "$T/equity.csv"

for k in '"net_profit": -5' '"total_closed_trades": 1' '"winning_trades": 0' '"losing_trades": 1' \
         '"open_pl": 2' '"largest_losing_trade": 5'; do
    if grep -q "$k" "$T/report.json"; then echo "pass report has $k"; else echo "FAIL report has $k"; fi
done
if grep -q '^Net Profit ' "$T/summary.txt" && grep -q 'All  *Long  *Short' "$T/summary.txt"; then
    echo "pass summary table"; else echo "FAIL summary table: $(head -n 3 "$T/summary.txt" | tr '\n' '|')"; fi

# a symbol file: a point value of 10 makes every money figure ten times larger
printf '# EURUSD-like\npointvalue = 10\ncurrency: EUR\n' >"$T/sym.txt"
"$PINE" backtest "$S" --data "$D" --syminfo "$T/sym.txt" --trades "$T/t10.csv" --quiet 2>"$T/err"
if head -n 1 "$T/t10.csv" | grep -q 'Net P&L EUR' && sed -n 2p "$T/t10.csv" | grep -q ',103,1,1030,-50,'; then
    echo "pass syminfo file"; else echo "FAIL syminfo file: $(sed -n 1,2p "$T/t10.csv" | tr '\n' '|') $(cat "$T/err")"; fi

printf '//@version=5\nindicator("i")\nplot(close)\n' >"$T/ind.pine"
"$PINE" backtest "$T/ind.pine" --data "$D" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then echo "pass indicator refused"; else echo "FAIL indicator refused: exit $rc"; fi
"$PINE" backtest "$S" --data "$D" --syminfo "$T/nope.txt" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then echo "pass missing syminfo file"; else echo "FAIL missing syminfo file: exit $rc"; fi
