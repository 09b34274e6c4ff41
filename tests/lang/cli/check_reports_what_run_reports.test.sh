#!/bin/sh
# `pine check` reports exactly the errors `pine run`, `pine backtest` and `pine test` report
# before running (issue 12): for each script under tests/lang/errors/declaration and
# tests/lang/errors/constant_args, every command exits 3 with the same `error:` lines.
PINE=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-chk.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
D=tests/data/basic.csv
for f in tests/lang/errors/declaration/*.pine tests/lang/errors/constant_args/*.pine; do
    [ -f "$f" ] || continue
    "$PINE" check "$f" 2>"$T/check" >/dev/null
    want=$?
    grep ': error: ' "$T/check" >"$T/want"
    set -- "run:run $f --data $D --out $T/out.csv" "test:test $f --data $D --expect tests/cli_test/plots_ref.csv"
    grep -q '^strategy(' "$f" && set -- "$@" "backtest:backtest $f --data $D --quiet"
    for c in "$@"; do
        name=${c%%:*}
        # shellcheck disable=SC2086
        "$PINE" ${c#*:} 2>"$T/got_all" >/dev/null
        rc=$?
        grep ': error: ' "$T/got_all" >"$T/got"
        if [ "$want" -eq 3 ] && [ "$rc" -eq 3 ] && [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then
            echo "pass $f: $name reports what check reports"
        else
            echo "FAIL $f: $name exits $rc (check $want), errors differ: $(diff "$T/want" "$T/got" | head -n 3 | tr '\n' '|')"
        fi
    done
done
