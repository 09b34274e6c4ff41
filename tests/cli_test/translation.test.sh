#!/bin/sh
# The worked example of docs/translations.md: examples/translations/translate.py (the integration
# guide's Pine-to-Python translation) against examples/translations/indicators.pine on 500
# generated bars. Expected by reasoning, not from pine's output: the SMAs and the crossings are
# the same computation in both; pandas' ewm(adjust=False) has a value from bar 0 where Pine's EMA
# is na until its SMA seed at bar 9; the rolling-mean RSI equals Wilder's at bar 14 (both start
# from the mean of the first 14 changes) and differs from bar 15 on.
# The pandas case runs only where pandas is installed; the plain-Python twin runs wherever
# python3 does.
#   sh tests/cli_test/translation.test.sh PINE_BIN
set -u
PINE=$1
if ! command -v python3 >/dev/null 2>&1; then
    echo "skip translation: python3 is not installed"
    exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-translation.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
EX=examples/translations
${CC:-cc} -std=c11 -O2 -o "$T/genbars" examples/genbars.c || { echo "FAIL translation: cannot build genbars"; exit 0; }
"$T/genbars" 500 42 >"$T/bars.csv"

check() {
    name=$1
    "$PINE" test $EX/indicators.pine --data "$T/bars.csv" --expect "$T/$name.csv" >"$T/out" 2>"$T/err"
    rc=$?
    for want in "Fast SMA  OK (500 bars)" "Slow SMA  OK (500 bars)" "Cross     OK (500 bars)" \
        "EMA       DIFFERS" "first: bar 0, 2023-01-01T00:00:00Z: expected 99.28, got NaN" \
        "RSI       DIFFERS" "first: bar 15, 2023-01-01T15:00:00Z" \
        "FAILED: 3 of 5 columns match, 2 differ (500 reference rows on 500 bars)"; do
        if ! grep -F -q -e "$want" "$T/out"; then
            echo "FAIL $name: the report lacks \"$want\": $(head -n 12 "$T/out" "$T/err" | tr '\n' ' ')"
            return
        fi
    done
    if [ "$rc" -ne 1 ]; then echo "FAIL $name: exit $rc, expected 1"; return; fi
    echo "pass $name"
}

if python3 $EX/translate.py --plain "$T/bars.csv" "$T/translation_plain.csv" 2>"$T/err"; then
    check translation_plain
else
    echo "FAIL translation_plain: translate.py --plain failed: $(head -n 3 "$T/err" | tr '\n' ' ')"
fi

if python3 -c 'import pandas' 2>/dev/null; then
    if python3 $EX/translate.py "$T/bars.csv" "$T/translation_pandas.csv" 2>"$T/err"; then
        check translation_pandas
    else
        echo "FAIL translation_pandas: translate.py failed: $(head -n 3 "$T/err" | tr '\n' ' ')"
    fi
else
    echo "skip translation_pandas: pandas is not installed (skipped)"
fi
