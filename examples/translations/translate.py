#!/usr/bin/env python3
"""Runs the Python translation of indicators.pine over a bars CSV and writes its outputs as CSV:
time,fast_sma,slow_sma,cross,ema,rsi (empty cells for NaN, as pandas writes them).

    python3 translate.py BARS.csv OUT.csv           # pandas (pine_indicators.py)
    python3 translate.py --plain BARS.csv OUT.csv   # plain Python (pine_indicators_plain.py)
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def with_pandas(bars, out):
    import pandas as pd
    from pine_indicators import PineIndicators as pi

    df = pd.read_csv(bars)
    close = df["close"]
    fast, slow = pi.sma(close, 10), pi.sma(close, 30)
    cross = pi.crossover(fast, slow).astype(int) - pi.crossunder(fast, slow).astype(int)
    result = pd.DataFrame({"time": df["time"], "fast_sma": fast, "slow_sma": slow,
                           "cross": cross, "ema": pi.ema(close, 10), "rsi": pi.rsi(close, 14)})
    result.to_csv(out, index=False, float_format="%.17g")


def plain(bars, out):
    import pine_indicators_plain as pi

    with open(bars, newline="") as f:
        rows = list(csv.DictReader(f))
    close = [float(r["close"]) for r in rows]
    fast, slow = pi.sma(close, 10), pi.sma(close, 30)
    up, down = pi.crossover(fast, slow), pi.crossunder(fast, slow)
    cols = [fast, slow, [int(u) - int(d) for u, d in zip(up, down)], pi.ema(close, 10),
            pi.rsi(close, 14)]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["time", "fast_sma", "slow_sma", "cross", "ema", "rsi"])
        for i, r in enumerate(rows):
            w.writerow([r["time"]] + ["" if c[i] is None else repr(c[i]) for c in cols])


def main(argv):
    use_plain = "--plain" in argv
    args = [a for a in argv if a != "--plain"]
    if len(args) != 2:
        sys.exit(__doc__)
    (plain if use_plain else with_pandas)(*args)


if __name__ == "__main__":
    main(sys.argv[1:])
