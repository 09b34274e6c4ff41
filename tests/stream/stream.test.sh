#!/bin/sh
# Streaming `pine run` (issue 7): bars are read, run and written a chunk at a time through a
# window as deep as the script's history. PINE_STREAM_CHUNK forces small chunks (777 bars and
# the like) so that every chunk boundary is crossed by history reads, plot offsets, the
# one-bar read-ahead, CSV validation and line counting; each case compares the output (and the
# messages) with a run in a single chunk, which is how every bar used to be loaded first.
PINE=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/pine-stream.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
ONE=1000000000

# gen N [quote_row]: N one-minute bars in UNIX seconds (an hour's gap every 1000 bars), a
# deterministic random walk in cents; row [quote_row] has a quoted volume (libcsv from there).
gen() {
    awk -v n="$1" -v q="${2:-0}" 'BEGIN {
        t = 1672531200; p = 2000000; s = 1
        print "time,open,high,low,close,volume"
        for (i = 1; i <= n; i++) {
            s = (s * 1103515245 + 12345) % 2147483648
            o = p; p += int(s / 65536) % 201 - 100; if (p < 100) p = 100
            h = (o > p ? o : p) + int(s / 7) % 50; l = (o < p ? o : p) - int(s / 11) % 50
            t += i % 1000 == 0 ? 3600 : 60
            v = int(s / 3) % 1000 + 1
            if (i == q) v = "\"" v "\""
            printf "%d,%.2f,%.2f,%.2f,%.2f,%s\n", t, o / 100, h / 100, l / 100, p / 100, v
        }
    }'
}

# same NAME: passes when files [2] and [3] (and [4], [5] when given) are identical.
same() {
    if cmp -s "$2" "$3" && { [ $# -lt 5 ] || cmp -s "$4" "$5"; }; then
        echo "pass $1"
    else
        echo "FAIL $1: $(cmp "$2" "$3" 2>&1 | head -n 1) $( [ $# -ge 5 ] && diff "$4" "$5" | head -n 3 | tr '\n' '|')"
    fi
}

gen 300000 >"$T/bars.csv"

for s in window shallow; do
    PINE_STREAM_CHUNK=$ONE "$PINE" run "tests/stream/$s.pine" --data "$T/bars.csv" >"$T/one.csv" 2>"$T/one.err"
    PINE_STREAM_CHUNK=777 "$PINE" run "tests/stream/$s.pine" --data - <"$T/bars.csv" >"$T/many.csv" 2>"$T/many.err"
    same "$s.pine: 300,000 bars from standard input in chunks of 777 = one chunk" \
        "$T/one.csv" "$T/many.csv" "$T/one.err" "$T/many.err"
    if [ "$(wc -l <"$T/many.csv")" -eq 300001 ]; then echo "pass $s.pine: every row written"
    else echo "FAIL $s.pine: every row written: $(wc -l <"$T/many.csv") lines"; fi
done

# A bar field whose own max_bars_back is deeper than the script's: the window keeps it.
gen 5000 >"$T/deep.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/deep_field.pine --data "$T/deep.csv" >"$T/one.csv" 2>"$T/one.err"
PINE_STREAM_CHUNK=777 "$PINE" run tests/stream/deep_field.pine --data - <"$T/deep.csv" >"$T/many.csv" 2>"$T/many.err"
same "max_bars_back(close, 300) under the script's 50: chunks of 777 = one chunk" \
    "$T/one.csv" "$T/many.csv" "$T/one.err" "$T/many.err"

# The default chunk (64K bars) from a file and from standard input.
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/window.pine --data "$T/bars.csv" >"$T/one.csv"
"$PINE" run tests/stream/window.pine --data - <"$T/bars.csv" >"$T/many.csv"
same "window.pine: the default chunk = one chunk" "$T/one.csv" "$T/many.csv"

# A quote from row 150,000 on: libcsv splits the rest, in 4 KB pieces.
gen 300000 150000 >"$T/quoted.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/window.pine --data "$T/quoted.csv" >"$T/one.csv"
PINE_STREAM_CHUNK=333 "$PINE" run tests/stream/window.pine --data "$T/quoted.csv" >"$T/many.csv"
same "a quoted field half-way: libcsv takes over between chunks" "$T/one.csv" "$T/many.csv"

# ISO 8601 times with an offset, `;` and CRLF.
awk 'BEGIN {
    print "time;open;high;low;close;volume\r"
    for (d = 1; d <= 6; d++) for (h = 0; h < 24; h++) for (m = 0; m < 60; m++) {
        c = 100 + (d * 7 + h * 3 + m) % 17
        printf "2023-11-%02dT%02d:%02d:00+01:00;%d;%d;%d;%d;%d\r\n", d, h, m, c, c + 1, c - 1, c, m + 1
    }
}' >"$T/iso.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/window.pine --data "$T/iso.csv" >"$T/one.csv"
PINE_STREAM_CHUNK=1000 "$PINE" run tests/stream/window.pine --data - <"$T/iso.csv" >"$T/many.csv"
same "ISO 8601 with offsets, semicolons, CRLF" "$T/one.csv" "$T/many.csv"

# Naive wall times in New York with the repeated hour of 2023-11-05 01:00: the second pass
# starts row 5881, the first row of a chunk (5000 + 881), and is placed after the previous
# chunk's last bar.
awk 'BEGIN {
    print "time,open,high,low,close"
    for (d = 1; d <= 6; d++) for (h = 0; h < 24; h++) for (r = 1; r <= (d == 5 && h == 1 ? 2 : 1); r++)
        for (m = 0; m < 60; m++) printf "2023-11-%02d %02d:%02d:00,10,12,9,11\n", d, h, m
}' >"$T/dst.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/shallow.pine --data "$T/dst.csv" \
    --timezone America/New_York >"$T/one.csv" 2>"$T/one.err"
PINE_STREAM_CHUNK=881 "$PINE" run tests/stream/shallow.pine --data "$T/dst.csv" \
    --timezone America/New_York >"$T/many.csv" 2>"$T/many.err"
same "the repeated hour of a DST change across a chunk boundary" \
    "$T/one.csv" "$T/many.csv" "$T/one.err" "$T/many.err"

# Data errors late in the input: the same message and line; the exit code is 2.
{ gen 250000; echo "1672531200,1,1,1,1,1"; gen 10 | tail -n 5; } >"$T/late.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/shallow.pine --data "$T/late.csv" >/dev/null 2>"$T/one.err"
r1=$?
PINE_STREAM_CHUNK=777 "$PINE" run tests/stream/shallow.pine --data "$T/late.csv" >/dev/null 2>"$T/many.err"
r2=$?
if [ $r1 -eq 2 ] && [ $r2 -eq 2 ] && grep -q ':250002: time: 1672531200 is not after the previous bar (line 250001)' "$T/many.err"; then
    same "a row out of order at line 250,002: same message" "$T/one.err" "$T/many.err"
else
    echo "FAIL a row out of order at line 250,002: exit $r1/$r2: $(head -c 200 "$T/many.err")"
fi

# --lenient: rows skipped in any chunk, one summary at the end.
awk 'NR == 101 || NR == 150001 || NR == 299999 { print "garbage,1,2,3"; next } { print }' \
    "$T/bars.csv" >"$T/lenient.csv"
PINE_STREAM_CHUNK=$ONE "$PINE" run tests/stream/shallow.pine --data "$T/lenient.csv" --lenient \
    >"$T/one.csv" 2>"$T/one.err"
PINE_STREAM_CHUNK=777 "$PINE" run tests/stream/shallow.pine --data - --lenient <"$T/lenient.csv" \
    >"$T/many.csv" 2>"$T/many.err"
sed 's/^-:/x:/' "$T/many.err" >"$T/many2.err"
sed "s|^$T/lenient.csv:|x:|" "$T/one.err" >"$T/one2.err"
same "--lenient skips bad rows in every chunk, one summary" "$T/one.csv" "$T/many.csv" \
    "$T/one2.err" "$T/many2.err"

# Memory: the peak does not grow with the number of bars (a whole load takes ~90 bytes a bar:
# 60 MB more for 700,000 more bars). Needs GNU time.
if /usr/bin/time -f %M true >/dev/null 2>&1; then
    gen 100000 >"$T/small.csv"
    gen 800000 >"$T/big.csv"
    /usr/bin/time -o "$T/m1" -f %M "$PINE" run tests/stream/window.pine --data - <"$T/small.csv" >/dev/null
    /usr/bin/time -o "$T/m2" -f %M "$PINE" run tests/stream/window.pine --data - <"$T/big.csv" >/dev/null
    m1=$(tail -n 1 "$T/m1") m2=$(tail -n 1 "$T/m2")
    if [ $((m2 - m1)) -lt 10000 ]; then echo "pass peak memory flat: ${m1} KB at 100k bars, ${m2} KB at 800k"
    else echo "FAIL peak memory flat: ${m1} KB at 100k bars, ${m2} KB at 800k"; fi
else
    echo "skip peak memory flat: no GNU time"
fi
