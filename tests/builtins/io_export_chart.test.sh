#!/bin/sh
# io.export_chart("chart.csv") writes basic.csv's bars and the two plots into --output-dir:
# times as "YYYY-MM-DD HH:MM:SS" in the chart zone (UTC), volume lower-case, plot columns after
# the bars, na as an empty field. The expected file is written by hand from docs/testing.md's
# table of basic.csv (dbl = 2 * close; flag na on bar 0, then 1).
PINE=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-xc.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cat >"$T/want.csv" <<'CSV'
time,open,high,low,close,volume,dbl,flag
2023-01-01 00:00:00,9,11,8,10,100,20,
2023-01-01 01:00:00,10,12,9,11,200,22,1
2023-01-01 02:00:00,11,13,10,12,300,24,1
2023-01-01 03:00:00,12,13,10,11,400,22,1
2023-01-01 04:00:00,11,14,10,13,500,26,1
2023-01-01 05:00:00,13,15,12,14,600,28,1
2023-01-01 06:00:00,14,15,11,12,700,24,1
2023-01-01 07:00:00,12,16,11,15,800,30,1
2023-01-01 08:00:00,15,17,14,16,900,32,1
2023-01-01 09:00:00,16,17,13,14,1000,28,1
CSV
if "$PINE" run tests/builtins/io_export_chart.pine --data tests/data/basic.csv --out "$T/plots.csv" \
    --output-dir "$T" 2>"$T/err" && tr -d '\r' <"$T/chart.csv" | cmp -s "$T/want.csv" -; then
    echo "pass io.export_chart writes the Import Data layout"
else
    echo "FAIL io.export_chart writes the Import Data layout: $(head -n 2 "$T/err" | tr '\n' '|') $(diff "$T/want.csv" "$T/chart.csv" 2>&1 | head -n 4 | tr '\n' '|')"
fi
