#!/bin/sh
# Writes a deterministic 500-line Pine v5 indicator to stdout for the compile-time benchmark:
# 49 ten-line blocks, each with its own user function, ta.* calls, math.*, an if/else on a
# `var`, a `for` loop over history, and a plot for every seventh block.
awk 'BEGIN {
    ma[0] = "ta.sma"; ma[1] = "ta.ema"; ma[2] = "ta.wma"; ma[3] = "ta.rma"; ma[4] = "ta.hma"
    src[0] = "close"; src[1] = "hl2"; src[2] = "hlc3"; src[3] = "ohlc4"; src[4] = "open"
    print "//@version=5"
    print "indicator(\"Bench: 500-line compile\", overlay = false, max_labels_count = 50)"
    for (k = 0; k < 49; k++) {
        a = 5 + k % 17; b = a + 3 + k % 11; m = ma[k % 5]; s = src[k % 5]
        printf "f%d(x, n) =>\n", k
        printf "    base = %s(x, n)\n", m
        printf "    (x - base) / math.max(ta.stdev(x, n), 1e-10) + math.log(math.abs(x) + %d)\n", k + 1
        printf "z%d = f%d(%s, %d) + ta.rsi(%s, %d) / 100 - ta.change(close, %d)\n", k, k, s, a, s, b, 1 + k % 4
        printf "var float acc%d = 0.0\n", k
        printf "if ta.crossover(%s(close, %d), ta.sma(close, %d)) or z%d > %d.5\n", m, a, b, k, k % 3
        printf "    acc%d += nz(math.round(ta.highest(high, %d) - ta.lowest(low, %d), 2))\n", k, a, b
        printf "else\n"
        printf "    acc%d := acc%d * 0.%d9 + nz(z%d[%d])\n", k, k, 5 + k % 4, k, 1 + k % 5
        if (k % 7 == 6) printf "plot(acc%d + z%d, \"p%d\")\n", k, k, k
        else printf "w%d = ta.atr(%d) * math.sqrt(%d) + ta.mom(%s, %d)\n", k, a, b, s, 1 + k % 9
    }
    print "total = 0.0"
    print "for i = 0 to 9"
    print "    total += nz(close[i]) * (i + 1) + acc0 + acc48"
    print "plot(total / 55, \"total\")"
    print "hi = ta.highest(total, 50)"
    print "lo = ta.lowest(total, 50)"
    print "plot(hi - lo, \"range\")"
    print "plot(ta.cum(volume) / (bar_index + 1), \"average volume\")"
}'
