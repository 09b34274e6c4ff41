#!/bin/sh
# `pine repl` with standard input not a terminal: no prompts, one result per line. Each case
# feeds commands on stdin and compares stdout exactly (and stderr by substring). Expected values
# are worked out by hand from tests/data/basic.csv (docs/testing.md has the table):
# close = 10 11 12 11 13 14 12 15 16 14, open = 9 10 11 12 11 13 14 12 15 16.
#   sh tests/repl/session.test.sh PINE_BIN
set -u
PINE=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-repl.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
export HOME="$T" NO_COLOR=1

# case NAME: stdin is the commands, $T/want the exact stdout, $T/want_err lines stderr must hold.
check() {
    name=$1
    shift
    "$PINE" repl "$@" >"$T/out" 2>"$T/err" <"$T/in"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "FAIL $name: exit $rc: $(head -n 3 "$T/err" | tr '\n' ' ')"
    elif ! cmp -s "$T/out" "$T/want"; then
        echo "FAIL $name: stdout differs: $(diff "$T/want" "$T/out" | head -n 6 | tr '\n' ' ')"
    elif [ -s "$T/want_err" ] && ! awk 'NR == FNR { want[++n] = $0; next } { got = got $0 "\n" }
            END { for (i = 1; i <= n; i++) if (index(got, want[i]) == 0) { print want[i]; exit 1 } }' \
            "$T/want_err" "$T/err" >"$T/missing"; then
        echo "FAIL $name: stderr lacks \"$(cat "$T/missing")\": $(head -n 4 "$T/err" | tr '\n' ' ')"
    elif [ ! -s "$T/want_err" ] && [ -s "$T/err" ]; then
        echo "FAIL $name: unexpected stderr: $(head -n 3 "$T/err" | tr '\n' ' ')"
    else
        echo "pass $name"
    fi
    : >"$T/want_err"
}
: >"$T/want_err"

# The last 5 closes (the default :tail), with their times in UTC.
printf 'close\n' >"$T/in"
cat >"$T/want" <<'X'
2023-01-01T05:00:00Z  14
2023-01-01T06:00:00Z  12
2023-01-01T07:00:00Z  15
2023-01-01T08:00:00Z  16
2023-01-01T09:00:00Z  14
X
check expression_tail --data tests/data/basic.csv

# sma(3) at bars 8 and 9: (12+15+16)/3 = 14.333333333333334, (15+16+14)/3 = 15.
printf ':tail 2\nta.sma(close, 3)\n' >"$T/in"
printf '2023-01-01T08:00:00Z  14.333333333333334\n2023-01-01T09:00:00Z  15\n' >"$T/want"
check tail_and_ta --data tests/data/basic.csv

# A statement stays in the session; an expression using it: 2 * close + 1 = 33, 29.
printf ':tail 2\nx = close * 2\nx + 1\n' >"$T/in"
printf '2023-01-01T08:00:00Z  33\n2023-01-01T09:00:00Z  29\n' >"$T/want"
check statement_then_expression --data tests/data/basic.csv

# Bools print as true/false: 16 > 15, 14 > 16.
printf ':tail 2\nclose > open\n' >"$T/in"
printf '2023-01-01T08:00:00Z  true\n2023-01-01T09:00:00Z  false\n' >"$T/want"
check bool_values --data tests/data/basic.csv

# A tuple prints one column per element: [close, open] at bar 9 = 14, 16.
printf ':tail 1\ng() => [close, open]\ng()\n' >"$T/in"
printf '2023-01-01T09:00:00Z  14  16\n' >"$T/want"
check tuple_values --data tests/data/basic.csv

# :at by bar number (0 first, -1 last) and by time; without an expression, the last one.
printf ':at 0 close\n:at -1 open\n:at 2023-01-01 03:00 close\n:at 4\n' >"$T/in"
cat >"$T/want" <<'X'
2023-01-01T00:00:00Z  10
2023-01-01T09:00:00Z  16
2023-01-01T03:00:00Z  11
2023-01-01T04:00:00Z  13
X
check at_bar_and_time --data tests/data/basic.csv

# A function definition over two lines ends with an empty line: f(close) = 10 * close.
printf ':tail 2\nf(a) =>\n    a * 10\n\nf(close)\n' >"$T/in"
printf '2023-01-01T08:00:00Z  160\n2023-01-01T09:00:00Z  140\n' >"$T/want"
check multi_line_function --data tests/data/basic.csv

# An if block counts the bars with close > open: bars 0,1,2,4,5,7,8 -> 6 at bar 7, 7 at bars 8, 9.
printf 'var count = 0\nif close > open\n    count += 1\n\n:tail 3\ncount\n' >"$T/in"
printf '2023-01-01T07:00:00Z  6\n2023-01-01T08:00:00Z  7\n2023-01-01T09:00:00Z  7\n' >"$T/want"
check if_block --data tests/data/basic.csv

# A wrapped line (trailing operator) continues: 1 + 2 = 3.
printf ':tail 1\ny = 1 +\n  2\n\ny\n' >"$T/in"
printf '2023-01-01T09:00:00Z  3\n' >"$T/want"
check wrapped_line --data tests/data/basic.csv

# An error names the input line and column and keeps the session: x still works after it.
printf ':tail 1\nx = close\nfoo + 1\nx\n' >"$T/in"
printf '2023-01-01T09:00:00Z  14\n' >"$T/want"
printf '%s\n' '<stdin>:3:1: error: undeclared identifier `foo`' 'foo + 1' '^~~' >"$T/want_err"
check error_keeps_session --data tests/data/basic.csv

# A statement that fails to compile is not added: y stays undeclared.
printf 'y = nosuch(1)\ny\n' >"$T/in"
: >"$T/want"
printf '%s\n' '<stdin>:1:5: error:' '<stdin>:2:1: error: undeclared identifier `y`' >"$T/want_err"
check failed_statement_not_added --data tests/data/basic.csv

# Inputs: listed, overridden (sma(2) at bar 9 = (16+14)/2 = 15, at bar 8 (15+16)/2 = 15.5).
printf ':tail 2\nlen = input.int(3, "Length")\n:inputs\n:inputs Length=2\n:inputs\nta.sma(close, len)\n' >"$T/in"
printf 'Length (len) = 3\nLength (len) = 2\n2023-01-01T08:00:00Z  15.5\n2023-01-01T09:00:00Z  15\n' >"$T/want"
check inputs --data tests/data/basic.csv

# :vars lists variables with their last values, and functions.
printf 'a = close + open\nh(v) => v\nb = close > 100\n:vars\n' >"$T/in"
printf 'a = 30\nh  (function)\nb = false\n' >"$T/want"
check vars --data tests/data/basic.csv

# :reset forgets the statements.
printf 'z = 1\n:reset\nz\n' >"$T/in"
: >"$T/want"
printf '%s\n' 'undeclared identifier `z`' >"$T/want_err"
check reset --data tests/data/basic.csv

# :load starts from a script (its inputs and variables); :data switches bars (ten.csv: close
# 1..10, times written with +02:00, which the output keeps).
cat >"$T/s.pine" <<'X'
//@version=5
indicator("loaded")
n = input.int(2, "N")
s = ta.sma(close, n)
plot(s, "S")
X
printf ':load %s\n:data tests/data/ten.csv\n:tail 1\ns\n:inputs\n' "$T/s.pine" >"$T/in"
printf '2023-01-02T18:00:00+02:00  9.5\nN (n) = 2\n' >"$T/want"
check load_and_data

# No bars: an expression says how to load them.
printf 'close\n' >"$T/in"
: >"$T/want"
echo 'no bars loaded' >"$T/want_err"
check no_data

# A string cannot be shown, and says so.
printf '"abc"\n' >"$T/in"
: >"$T/want"
echo 'cannot show a value of type string' >"$T/want_err"
check string_value --data tests/data/basic.csv

# :quit stops reading: the line after it is not run.
printf ':tail 1\n:quit\nclose\n' >"$T/in"
: >"$T/want"
check quit --data tests/data/basic.csv

# An unknown command is an error, not a crash.
printf ':frobnicate\n' >"$T/in"
: >"$T/want"
echo 'unknown command :frobnicate' >"$T/want_err"
check unknown_command --data tests/data/basic.csv

# A bare na has no type of its own: it prints as na on every bar.
printf ':tail 2\nna\n' >"$T/in"
cat >"$T/want" <<'X'
2023-01-01T08:00:00Z  na
2023-01-01T09:00:00Z  na
X
check bare_na --data tests/data/basic.csv

# A tuple holding a string cannot be printed; the message says why.
printf '[close, "a"]\n' >"$T/in"
: >"$T/want"
echo 'cannot show a tuple holding strings, colors or arrays' >"$T/want_err"
check tuple_with_string --data tests/data/basic.csv
