#!/bin/sh
# strategy.export_markers(path) writes the same file as `pine backtest --markers`, into
# --output-dir, after the last bar; a path outside it is a runtime error.
PINE=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-mk.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
sed 's/^strategy("T")$/strategy("T")\nstrategy.export_markers("m.csv")/' tests/strategy/cli/two_trades.pine >"$T/s.pine"
"$PINE" backtest tests/strategy/cli/two_trades.pine --data tests/strategy/gaps.csv --markers "$T/want.csv" --quiet
if "$PINE" run "$T/s.pine" --data tests/strategy/gaps.csv --out "$T/plots.csv" --output-dir "$T" 2>"$T/err" &&
    cmp -s "$T/want.csv" "$T/m.csv"; then echo "pass export_markers matches --markers"
else echo "FAIL export_markers matches --markers: $(cat "$T/err" | head -n 2 | tr '\n' '|')"; fi
sed 's/^strategy("T")$/strategy("T")\nstrategy.export_markers("..\/m.csv")/' tests/strategy/cli/two_trades.pine >"$T/bad.pine"
"$PINE" run "$T/bad.pine" --data tests/strategy/gaps.csv --out "$T/plots.csv" --output-dir "$T" 2>"$T/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'is outside the script.s folder' "$T/err"; then echo "pass export_markers stays inside --output-dir"
else echo "FAIL export_markers stays inside --output-dir: exit $rc"; fi
