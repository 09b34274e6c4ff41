#!/bin/sh
# A two-minute tour: generate random-walk bars, run an SMA-cross indicator on them with pine,
# and show the result. Usage: sh examples/demo.sh PINE_BIN (make demo does this).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: sh examples/demo.sh PINE_BIN" >&2
    exit 2
fi
PINE=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $PINE in
    /*) ;;
    */*) PINE=$(cd "$(dirname "$PINE")" && pwd)/$(basename "$PINE") ;;
esac
cd "$ROOT"
mkdir -p build

if [ ! -x build/genbars ] || [ -n "$(find examples/genbars.c -newer build/genbars)" ]; then
    ${CC:-cc} -std=c11 -O2 -Wall -Wextra -o build/genbars examples/genbars.c
fi
build/genbars 500 42 >build/example_bars.csv

echo "== Data: 500 one-hour bars of a random walk (examples/genbars.c, seed 42)"
echo "   build/example_bars.csv, first rows:"
head -n 3 build/example_bars.csv | sed 's/^/     /'
echo

echo "== Indicator: examples/sma_cross.pine"
echo "   A 10-bar and a 30-bar simple moving average of the close; the Cross column is +1 on the"
echo "   bar where the fast average crosses above the slow one, -1 where it crosses below, else 0."
echo "   Running: $PINE run examples/sma_cross.pine --data build/example_bars.csv --out build/sma_cross_plots.csv"
"$PINE" run examples/sma_cross.pine --data build/example_bars.csv --out build/sma_cross_plots.csv
echo

echo "== Result: TradingView's \"Export chart data\" layout, one row per bar. The last 5 rows:"
head -n 1 build/sma_cross_plots.csv | sed 's/^/     /'
tail -n 5 build/sma_cross_plots.csv | sed 's/^/     /'
ups=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Cross") c = i; next } c && $c == 1 { n++ } END { print n + 0 }' build/sma_cross_plots.csv)
downs=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Cross") c = i; next } c && $c == -1 { n++ } END { print n + 0 }' build/sma_cross_plots.csv)
echo
echo "   The fast SMA crossed above the slow one $ups times and below it $downs times."
echo "   Full output: build/sma_cross_plots.csv (open it in a spreadsheet, or compare it with a"
echo "   TradingView export using: $PINE test examples/sma_cross.pine --data BARS.csv --expect EXPORT.csv)."

echo
echo "== Strategy: examples/sma_cross_strategy.pine, the same crossover trading 100% of equity"
echo "   (0.05% commission), backtested with TradingView's broker emulator."
echo "   Running: $PINE backtest examples/sma_cross_strategy.pine --data build/example_bars.csv --trades build/sma_cross_trades.csv --markers build/sma_cross_markers.csv --markers-pine build/sma_cross_markers.pine"
"$PINE" backtest examples/sma_cross_strategy.pine --data build/example_bars.csv \
    --trades build/sma_cross_trades.csv --markers build/sma_cross_markers.csv \
    --markers-pine build/sma_cross_markers.pine | sed 's/^/     /'
echo
echo "   The first trades, in TradingView's \"List of trades\" export layout (build/sma_cross_trades.csv):"
head -n 5 build/sma_cross_trades.csv | sed 's/^/     /'
echo "   build/sma_cross_markers.pine, pasted into TradingView's Pine editor, draws these trades on"
echo "   the chart."
