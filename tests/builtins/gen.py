#!/usr/bin/env python3
"""Writes the ta.* tests of tests/builtins/ from an independent computation.

Each function below follows TradingView's definition (the reference manual's description or
its `pine_*` listing; where TradingView's measured behaviour is known to differ, PyneCore's
measured law, named in the docstring), written from scratch in plain Python over the bars of a
data file. It shares no code with pine. Run it from the repository root:

    python3 tests/builtins/gen.py

and it rewrites tests/builtins/ta_*.pine. Never edit the `// expect:` lines by hand, and never
paste pine's own output here: change the definition, rerun, and explain the change.
"""
import csv
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EPS = 1e-10  # Pine's comparison tolerance, where TradingView uses one


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    cols = {k: [float(r[k]) for r in rows] for k in ("open", "high", "low", "close", "volume")}
    cols["time"] = [int(r["time"]) for r in rows]
    return cols


def na(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def back(s, i, k):
    return s[i - k] if 0 <= i - k < len(s) else None


# ====== building blocks ======

def rolling_sum(x, n):
    """math.sum: the last n non-na values; an na bar reports the standing sum."""
    out, win = [], []
    for v in x:
        if not na(v):
            win.append(v)
            if len(win) > n:
                win.pop(0)
        out.append(sum(win) if len(win) == n else None)
    return out


def sma(x, n):
    return [None if s is None else s / n for s in rolling_sum(x, n)]


def _smooth(x, n, step):
    out, seed, prev = [], [], None
    for v in x:
        if na(v):
            out.append(None)
            continue
        if prev is None:
            seed.append(v)
            if len(seed) == n:
                prev = sum(seed) / n
            out.append(prev)
        else:
            prev = step(prev, v)
            out.append(prev)
    return out


def ema(x, n):
    a = 2 / (n + 1)
    return _smooth(x, n, lambda p, v: a * v + (1 - a) * p)


def rma(x, n):
    return _smooth(x, n, lambda p, v: (p * (n - 1) + v) / n)


def window(x, i, n):
    """The last n values up to bar i (oldest first), or None before n bars."""
    return x[i - n + 1:i + 1] if i >= n - 1 else None


def over_full_windows(x, n, f):
    """f(window) on each bar whose last n values (oldest first) are all there and not na;
    None elsewhere."""
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        out.append(None if w is None or any(na(v) for v in w) else f(w))
    return out


def highest(x, n):
    return [None if window(x, i, n) is None else max(window(x, i, n)) for i in range(len(x))]


def lowest(x, n):
    return [None if window(x, i, n) is None else min(window(x, i, n)) for i in range(len(x))]


def change(x, n=1):
    return [None if na(back(x, i, 0)) or na(back(x, i, n)) else x[i] - x[i - n]
            for i in range(len(x))]


def tr(b, handle_na):
    h, l, c = b["high"], b["low"], b["close"]
    out = []
    for i in range(len(c)):
        if i == 0:
            out.append(h[0] - l[0] if handle_na else None)
        else:
            out.append(max(h[i] - l[i], abs(h[i] - c[i - 1]), abs(l[i] - c[i - 1])))
    return out


def cum(x):
    out, s = [], 0.0
    for v in x:
        if na(v):
            out.append(None)
        else:
            s += v
            out.append(s)
    return out


def fixnan(x):
    out, last = [], None
    for v in x:
        if not na(v):
            last = v
        out.append(last)
    return out


def zip_na(f, *xs):
    return [None if any(na(v) for v in vs) else f(*vs) for vs in zip(*xs)]


# ====== the functions under test ======

def dev(x, n):
    """Mean absolute deviation from the window's mean (reference: ta.dev)."""
    def mad(w):
        m = sum(w) / n
        return sum(abs(v - m) for v in w) / n
    return over_full_windows(x, n, mad)


def cci(x, n):
    """(x - sma) / (0.015 * dev) (reference: ta.cci)."""
    return zip_na(lambda v, m, d: (v - m) / (0.015 * d) if d else None, x, sma(x, n), dev(x, n))


def cmo(x, n):
    """Reference pine_cmo: 100*(up - down)/(up + down) over sums of the changes; na while the
    change is na (PyneCore m548), na when both sums are 0."""
    mom = change(x)
    up = rolling_sum([None if na(m) else (m if m >= -EPS else 0.0) for m in mom], n)
    dn = rolling_sum([None if na(m) else (0.0 if m >= -EPS else -m) for m in mom], n)
    out = []
    for i in range(len(x)):
        if na(mom[i]) or up[i] is None or dn[i] is None or up[i] + dn[i] == 0:
            out.append(None)
        else:
            out.append(100 * (up[i] - dn[i]) / (up[i] + dn[i]))
    return out


def mom(x, n):
    return change(x, n)


def roc(x, n):
    return [None if na(x[i]) or na(back(x, i, n)) else 100 * (x[i] - x[i - n]) / x[i - n]
            for i in range(len(x))]


def tsi(x, short, long):
    """ema(ema(change, long), short) / ema(ema(|change|, long), short) (reference: ta.tsi and
    the built-in True Strength Index without its factor 100)."""
    pc = change(x)
    num = ema(ema(pc, long), short)
    den = ema(ema([None if na(v) else abs(v) for v in pc], long), short)
    return zip_na(lambda a, b: a / b if b else None, num, den)


def wpr(b, n):
    """100 * (close - highest(high)) / (highest(high) - lowest(low)) (reference: ta.wpr)."""
    hh, ll = highest(b["high"], n), lowest(b["low"], n)
    return zip_na(lambda c, h, l: 100 * (c - h) / (h - l) if h != l else None, b["close"], hh, ll)


def dmi(b, di_len, adx_len):
    """Reference pine_dmi: +DM/-DM from change(high)/-change(low), rma over di_len divided by
    rma(ta.tr), fixnan, adx = 100*rma(|p - m|/(p + m or 1), adx_len)."""
    up = change(b["high"])
    down = [None if na(v) else -v for v in change(b["low"])]
    plus_dm = zip_na(lambda u, d: u if u > d and u > 0 else 0.0, up, down)
    minus_dm = zip_na(lambda u, d: d if d > u and d > 0 else 0.0, up, down)
    trur = rma(tr(b, False), di_len)
    plus = fixnan(zip_na(lambda a, t: 100 * a / t, rma(plus_dm, di_len), trur))
    minus = fixnan(zip_na(lambda a, t: 100 * a / t, rma(minus_dm, di_len), trur))
    ratio = zip_na(lambda p, m: abs(p - m) / (1 if p + m == 0 else p + m), plus, minus)
    adx = [None if na(v) else 100 * v for v in rma(ratio, adx_len)]
    return plus, minus, adx


def accdist(b):
    """cum(((close - low) - (high - close)) / (high - low) * volume), 0 when high == low."""
    return cum([0.0 if h == l else ((c - l) - (h - c)) / (h - l) * v
                for h, l, c, v in zip(b["high"], b["low"], b["close"], b["volume"])])


def pvi_nvi(b, rising):
    """Reference: start at 1.0; on bars whose volume rose (pvi) or fell (nvi) against the
    previous bar, move by the close's relative change; else keep the previous value."""
    c, v = b["close"], b["volume"]
    out, prev = [], 1.0
    for i in range(len(c)):
        if i > 0 and ((v[i] > v[i - 1]) if rising else (v[i] < v[i - 1])):
            prev = prev + (c[i] - c[i - 1]) / c[i - 1] * prev
        out.append(prev)
    return out


def wad(b):
    """Williams accumulation/distribution: cum(close - min(low, prevclose)) on up closes,
    cum(close - max(high, prevclose)) on down closes, 0 otherwise (reference: ta.wad)."""
    h, l, c = b["high"], b["low"], b["close"]
    g = []
    for i in range(len(c)):
        if i == 0 or c[i] == c[i - 1]:
            g.append(0.0)
        elif c[i] > c[i - 1]:
            g.append(c[i] - min(l[i], c[i - 1]))
        else:
            g.append(c[i] - max(h[i], c[i - 1]))
    return cum(g)


def iii(b):
    return [(2 * c - h - l) / ((h - l) * v)
            for h, l, c, v in zip(b["high"], b["low"], b["close"], b["volume"])]


def wvad(b):
    return [(c - o) / (h - l) * v
            for o, h, l, c, v in zip(b["open"], b["high"], b["low"], b["close"], b["volume"])]


def rng(x, n):
    return zip_na(lambda h, l: h - l, highest(x, n), lowest(x, n))


def linreg(x, n, offset):
    """Least squares over the window, x = 0..n-1 from the oldest; the line's value at
    n - 1 - offset (reference: ta.linreg)."""
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        if w is None:
            out.append(None)
            continue
        xs = range(n)
        mx, my = sum(xs) / n, sum(w) / n
        sxx = sum((k - mx) ** 2 for k in xs)
        slope = sum((k - mx) * (v - my) for k, v in zip(xs, w)) / sxx if sxx else 0.0
        out.append(my + slope * (n - 1 - offset - mx))
    return out


def percentrank(x, n):
    """Percent of the previous n values less than or equal to the current one."""
    out = []
    for i in range(len(x)):
        if i < n:
            out.append(None)
            continue
        out.append(100.0 * sum(1 for k in range(1, n + 1) if x[i - k] <= x[i]) / n)
    return out


def correlation(a, b, n):
    """Pearson's coefficient over the window (reference: ta.correlation)."""
    out = []
    for i in range(len(a)):
        wa, wb = window(a, i, n), window(b, i, n)
        if wa is None:
            out.append(None)
            continue
        ma, mb = sum(wa) / n, sum(wb) / n
        cov = sum((p - ma) * (q - mb) for p, q in zip(wa, wb)) / n
        va = sum((p - ma) ** 2 for p in wa) / n
        vb = sum((q - mb) ** 2 for q in wb) / n
        out.append(None if va * vb == 0 else cov / math.sqrt(va * vb))
    return out


def median(x, n):
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        if w is None:
            out.append(None)
            continue
        s = sorted(w)
        out.append(s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2)
    return out


def mode(x, n):
    """The most frequent value of the window; the smallest of equally frequent ones."""
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        if w is None:
            out.append(None)
            continue
        best = max(w.count(v) for v in w)
        out.append(min(v for v in w if w.count(v) == best))
    return out


def pivot(x, left, right, high):
    """The value `right` bars back when it is the window's extreme with ties going to the
    newest bar (PyneCore's law: highest/lowest of the left + right + 1 window must sit at
    -right): strictly beyond every newer value, at least equal to every older one."""
    out = []
    for i in range(len(x)):
        if i < left + right:
            out.append(None)
            continue
        k0 = i - right
        c = x[k0]
        beyond = (lambda v: c > v) if high else (lambda v: c < v)
        level = (lambda v: c >= v) if high else (lambda v: c <= v)
        ok = all(beyond(x[k]) for k in range(k0 + 1, i + 1)) and \
            all(level(x[k]) for k in range(i - left - right, k0))
        out.append(c if ok else None)
    return out


def barssince(cond):
    out, n = [], None
    for c in cond:
        if c:
            n = 0
        elif n is not None:
            n += 1
        out.append(n)
    return out


def valuewhen(cond, src, occ):
    out, hits = [], []
    for c, v in zip(cond, src):
        if c:
            hits.append(v)
        out.append(hits[-1 - occ] if len(hits) > occ else None)
    return out


def rising(x, n, up=True):
    """True when each of the last n steps rose (fell) by more than the tolerance (PyneCore's
    measured law m547 for "rising for length bars long")."""
    out, count = [], 0
    for i in range(len(x)):
        if i == 0:
            out.append(0)
            continue
        d = x[i] - x[i - 1] if up else x[i - 1] - x[i]
        count = count + 1 if d > EPS else 0
        out.append(1 if count >= n else 0)
    return out


def cross(a, b):
    """Either crossing against the last bar where both sources were defined; false on the
    first such bar (PyneCore: no previous relation, no cross)."""
    out, prev = [], None
    for p, q in zip(a, b):
        if na(p) or na(q):
            out.append(0)
            continue
        over = prev is not None and p > q and prev[0] <= prev[1]
        under = prev is not None and p < q and prev[0] >= prev[1]
        out.append(1 if over or under else 0)
        prev = (p, q)
    return out


def vwap_anchored(src, vol, anchor):
    out, pv, v = [], 0.0, 0.0
    for i in range(len(src)):
        if anchor[i] or i == 0:
            pv, v = 0.0, 0.0
        pv += src[i] * vol[i]
        v += vol[i]
        out.append(pv / v)
    return out


def supertrend(b, factor, period):
    """Reference pine_supertrend over hl2 and ta.atr(period): bands tightened unless the
    previous close broke them; direction 1 until atr[1] exists. The first bar reports
    supertrend 0 with direction 1 (`nz(lowerBand[1])` seeds the bands with 0; PyneCore
    records the same)."""
    hl2 = [(h + l) / 2 for h, l in zip(b["high"], b["low"])]
    atr = rma(tr(b, True), period)
    c = b["close"]
    lower_h, upper_h, st_h, dir_h = [], [], [], []
    for i in range(len(c)):
        up = None if na(atr[i]) else hl2[i] + factor * atr[i]
        lo = None if na(atr[i]) else hl2[i] - factor * atr[i]
        prev_lo = lower_h[-1] if i and not na(lower_h[-1]) else 0.0
        prev_up = upper_h[-1] if i and not na(upper_h[-1]) else 0.0
        pc = c[i - 1] if i else None
        if not (lo is not None and lo > prev_lo) and not (pc is not None and pc < prev_lo):
            lo = prev_lo
        if not (up is not None and up < prev_up) and not (pc is not None and pc > prev_up):
            up = prev_up
        if i == 0 or na(atr[i - 1]):
            d = 1
        elif st_h[-1] == prev_up:
            d = -1 if up is not None and c[i] > up else 1
        else:
            d = 1 if lo is not None and c[i] < lo else -1
        lower_h.append(lo)
        upper_h.append(up)
        st_h.append(lo if d == -1 else up)
        dir_h.append(d)
    return st_h, dir_h


def sar(b, start, inc, maximum):
    """Reference pine_sar: the trend is chosen on bar 1 by close > close[1]; the SAR moves by
    the acceleration towards the extreme point, reverses when the price crosses it, and stays
    beyond the previous two bars' lows (highs)."""
    h, l, c = b["high"], b["low"], b["close"]
    out = []
    result = max_min = accel = None
    below = None
    for i in range(len(c)):
        first = False
        if i == 1:
            if c[1] > c[0]:
                below, max_min, result = True, h[1], l[0]
            else:
                below, max_min, result = False, l[1], h[0]
            first = True
            accel = start
        if result is None:
            out.append(None)
            continue
        result = result + accel * (max_min - result)
        if below:
            if result > l[i]:
                first, below = True, False
                result = max(h[i], max_min)
                max_min, accel = l[i], start
        else:
            if result < h[i]:
                first, below = True, True
                result = min(l[i], max_min)
                max_min, accel = h[i], start
        if not first:
            if below:
                if h[i] > max_min:
                    max_min, accel = h[i], min(accel + inc, maximum)
            else:
                if l[i] < max_min:
                    max_min, accel = l[i], min(accel + inc, maximum)
        if below:
            result = min(result, l[i - 1])
            if i > 1:
                result = min(result, l[i - 2])
        else:
            result = max(result, h[i - 1])
            if i > 1:
                result = max(result, h[i - 2])
        out.append(result)
    return out


def cog(x, n):
    """Reference pine_cog: -sum(x[i] * (i + 1), i = 0 (newest) .. n-1) / sum(x, n)."""
    return over_full_windows(
        x, n, lambda w: -sum(v * (k + 1) for k, v in enumerate(w[::-1])) / sum(w))


def rci(x, n):
    """Spearman's rank correlation x 100 between the window's values and time, equal values
    sharing their average rank; first value once n + 1 values were seen (PyneCore's measured
    warm-up: bar_index < length is na)."""
    out = []
    for i in range(len(x)):
        if i < n:
            out.append(None)
            continue
        w = x[i - n + 1:i + 1]  # oldest first; time rank = position
        order = sorted(range(n), key=lambda k: w[k])
        rank = [0.0] * n
        j = 0
        while j < n:
            k = j
            while k < n and w[order[k]] == w[order[j]]:
                k += 1
            for t in range(j, k):
                rank[order[t]] = (j + k - 1) / 2  # average 0-based ascending rank
            j = k
        mt, mr = sum(range(n)) / n, sum(rank) / n
        cov = sum((t - mt) * (r - mr) for t, r in enumerate(rank))
        vt = sum((t - mt) ** 2 for t in range(n))
        vr = sum((r - mr) ** 2 for r in rank)
        out.append(None if vr == 0 else 100 * cov / math.sqrt(vt * vr))
    return out


def kc(b, x, n, mult, use_tr):
    """Reference pine_kc: basis ema(x, n), range ta.tr (na on bar 0) or high - low,
    basis -/+ mult * ema(range, n); the basis is reported while the range ema is na."""
    rngs = tr(b, False) if use_tr else [h - l for h, l in zip(b["high"], b["low"])]
    basis, re = ema(x, n), ema(rngs, n)
    upper = zip_na(lambda m, r: m + mult * r, basis, re)
    lower = zip_na(lambda m, r: m - mult * r, basis, re)
    width = zip_na(lambda m, u, l: (u - l) / m if m else None, basis, upper, lower)
    return basis, upper, lower, width


def percentile_nearest_rank(x, n, p):
    """Rank ceil(p * n / 100) clamped to 1..n in the sorted window, na values sorting last
    (a rank on one is na); na source -> na; p = 0 -> the smallest (PyneCore m552)."""
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        if w is None or na(x[i]):
            out.append(None)
            continue
        vals = sorted(v for v in w if not na(v))
        if p == 0:
            out.append(vals[0])
            continue
        r = max(1, min(math.ceil(p * n / 100), n))
        out.append(vals[r - 1] if r <= len(vals) else None)
    return out


def percentile_linear(x, n, p):
    """Position n * p / 100 + 0.5 (1-based) in the sorted window, clamped to its ends,
    weighted w[lo] * (1 - f) + w[hi] * f; with an na in the window only exact ranks of
    numbers answer (PyneCore m554/m580); na source -> na."""
    out = []
    for i in range(len(x)):
        w = window(x, i, n)
        if w is None or na(x[i]):
            out.append(None)
            continue
        vals = sorted(v for v in w if not na(v))
        m = len(vals)
        pos = n * p / 100 + 0.5
        if pos <= 1:
            out.append(vals[0])
        elif pos >= n:
            out.append(vals[-1] if m == n else None)
        else:
            lo = math.floor(pos)
            f = pos - lo
            if f == 0:
                out.append(vals[lo - 1] if lo <= m else None)
            elif m < n:
                out.append(None)
            else:
                out.append(vals[lo - 1] * (1 - f) + vals[lo] * f)
    return out


def running_extreme(x, hi):
    """ta.max / ta.min: the extreme of every value so far (na skipped)."""
    out, best = [], None
    for v in x:
        if not na(v) and (best is None or (v > best if hi else v < best)):
            best = v
        out.append(best)
    return out


def pvt(b):
    """cum(change(close) / close[1] * volume); na on bar 0 (PITFALLS)."""
    c, v = b["close"], b["volume"]
    out, s = [None], 0.0
    for i in range(1, len(c)):
        s += (c[i] - c[i - 1]) / c[i - 1] * v[i]
        out.append(s)
    return out


def wma(x, n):
    """Reference pine_wma: weights n (newest) .. 1 (oldest), divided by their sum; na until the
    window holds n bars."""
    weights = range(1, n + 1)  # oldest first
    return over_full_windows(x, n,
                             lambda w: sum(v * k for v, k in zip(w, weights)) / sum(weights))


def stdev(x, n, biased=True):
    """ta.stdev: the square root of the mean squared deviation from the window's mean, divided
    by n (biased, the default: "the entire population") or n - 1 (unbiased: "a sample"); two
    passes over the window, not the sum-of-squares shortcut."""
    def sd(w):
        mean = sum(w) / n
        return math.sqrt(sum((v - mean) ** 2 for v in w) / (n if biased else n - 1))
    return over_full_windows(x, n, sd)


def bb(x, n, mult):
    """ta.bb: [basis, upper, lower] = [sma, sma + mult * stdev, sma - mult * stdev] with the
    biased stdev (reference pine_bb)."""
    basis, dev = sma(x, n), stdev(x, n)
    upper = zip_na(lambda m, d: m + mult * d, basis, dev)
    lower = zip_na(lambda m, d: m - mult * d, basis, dev)
    return basis, upper, lower


def atr(b, n):
    """Reference pine_atr: rma of the true range, which is high - low on the first bar
    (ta.tr(true))."""
    return rma(tr(b, True), n)


def macd(x, fast, slow, sig):
    """ta.macd: [macd, signal, hist] = [ema(fast) - ema(slow), ema(macd, sig), macd - signal];
    the signal's ema is seeded by the sma of the first sig defined macd values."""
    line = zip_na(lambda f, s: f - s, ema(x, fast), ema(x, slow))
    signal = ema(line, sig)
    return line, signal, zip_na(lambda m, s: m - s, line, signal)


# ====== the test files ======

def fmt(v):
    if na(v):
        return "NaN"
    if isinstance(v, bool):
        return "1" if v else "0"
    if float(v) == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def write(name, what, data, body, cols, version=5):
    lines = ["//@version=%d" % version]
    lines += ["// " + w for w in what.strip().split("\n")]
    lines.append("// Generated by tests/builtins/gen.py (an independent Python computation).")
    if data != "basic.csv":
        lines.append("// data: " + data)
    lines.append('indicator("%s")' % name)
    lines += body
    for title, values in cols:
        lines.append("// expect: %s = %s" % (title, ", ".join(fmt(v) for v in values)))
    with open(os.path.join(HERE, name + ".pine"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    B = load(os.path.join(ROOT, "tests", "data", "basic.csv"))
    M = load(os.path.join(HERE, "data", "mixed.csv"))
    mixed = "data/mixed.csv"
    c, mc = B["close"], M["close"]
    holed = [None if i == 3 else v for i, v in enumerate(c)]  # close with na on bar 3

    write("ta_cci", "ta.cci(close, 3) and ta.cci(close, 5): (x - sma) / (0.015 * mean deviation).",
          "basic.csv", ['plot(ta.cci(close, 3), "cci3")', 'plot(ta.cci(close, 5), "cci5")'],
          [("cci3", cci(c, 3)), ("cci5", cci(c, 5))])
    write("ta_cmo", "ta.cmo: sums of up and down changes; the first change is na.", mixed,
          ['plot(ta.cmo(close, 3), "cmo3")', 'plot(ta.cmo(close, 1), "cmo1")'],
          [("cmo3", cmo(mc, 3)), ("cmo1", cmo(mc, 1))])
    write("ta_mom_roc", "ta.mom and ta.roc: x - x[n] and 100*(x - x[n])/x[n], lengths 1 and 3.",
          "basic.csv",
          ['plot(ta.mom(close, 1), "mom1")', 'plot(ta.mom(close, 3), "mom3")',
           'plot(ta.roc(close, 1), "roc1")', 'plot(ta.roc(close, 3), "roc3")'],
          [("mom1", mom(c, 1)), ("mom3", mom(c, 3)), ("roc1", roc(c, 1)), ("roc3", roc(c, 3))])
    write("ta_tsi", "ta.tsi(close, 2, 3): double-smoothed change over double-smoothed |change|.",
          mixed, ['plot(ta.tsi(close, 2, 3), "tsi")'], [("tsi", tsi(mc, 2, 3))])
    write("ta_wpr", "ta.wpr(3) and ta.wpr(1): 100*(close - highest(high))/(highest - lowest).",
          mixed, ['plot(ta.wpr(3), "wpr3")', 'plot(ta.wpr(1), "wpr1")'],
          [("wpr3", wpr(M, 3)), ("wpr1", wpr(M, 1))])
    p, m, a = dmi(M, 3, 2)
    write("ta_dmi", "ta.dmi(3, 2): [+DI, -DI, ADX] from rma-smoothed directional movement.", mixed,
          ['[p, m, a] = ta.dmi(3, 2)', 'plot(p, "plus")', 'plot(m, "minus")', 'plot(a, "adx")'],
          [("plus", p), ("minus", m), ("adx", a)])
    write("ta_accdist", "ta.accdist: cumulated close location value times volume.", mixed,
          ['plot(ta.accdist, "ad")'], [("ad", accdist(M))])
    write("ta_pvi_nvi", "ta.pvi / ta.nvi: start at 1, move with the close on rising (falling) "
          "volume;\nbar 8 repeats bar 7's volume and moves neither.", mixed,
          ['plot(ta.pvi, "pvi")', 'plot(ta.nvi, "nvi")'],
          [("pvi", pvi_nvi(M, True)), ("nvi", pvi_nvi(M, False))])
    write("ta_wad", "ta.wad: Williams accumulation/distribution; bar 8's close is unchanged.", mixed,
          ['plot(ta.wad, "wad")'], [("wad", wad(M))])
    write("ta_iii_wvad", "ta.iii and ta.wvad on every bar.", mixed,
          ['plot(ta.iii, "iii")', 'plot(ta.wvad, "wvad")'], [("iii", iii(M)), ("wvad", wvad(M))])
    write("ta_dev", "ta.dev: mean absolute deviation; length 1 is 0; na inside the window.",
          "basic.csv",
          ['plot(ta.dev(close, 4), "dev4")', 'plot(ta.dev(close, 1), "dev1")'],
          [("dev4", dev(c, 4)), ("dev1", dev(c, 1))])
    write("ta_range", "ta.range(source, length): highest - lowest of the window.", "basic.csv",
          ['plot(ta.range(close, 3), "r3")', 'plot(ta.range(high, 1), "r1")'],
          [("r3", rng(c, 3)), ("r1", rng(B["high"], 1))])
    sma3 = sma(c, 3)
    write("ta_cross", "ta.cross: either crossing of close and its 3-bar sma.", "basic.csv",
          ['s = ta.sma(close, 3)', 'plot(ta.cross(close, s) ? 1 : 0, "x")'],
          [("x", cross(c, sma3))])
    st, d = supertrend(M, 2, 3)
    st2, d2 = supertrend(M, 0.5, 2)
    write("ta_supertrend", "ta.supertrend(2, 3) and (0.5, 2), which changes direction: "
          "[value, direction]\n(reference pine_supertrend).", mixed,
          ['[st, d] = ta.supertrend(2, 3)', 'plot(st, "st")', 'plot(d, "dir")',
           '[st2, d2] = ta.supertrend(0.5, 2)', 'plot(st2, "st2")', 'plot(d2, "dir2")'],
          [("st", st), ("dir", d), ("st2", st2), ("dir2", d2)])
    write("ta_sar", "ta.sar(0.02, 0.02, 0.2) (reference pine_sar).", mixed,
          ['plot(ta.sar(0.02, 0.02, 0.2), "sar")'], [("sar", sar(M, 0.02, 0.02, 0.2))])
    write("ta_linreg", "ta.linreg(close, 4, 0) and offset 1: least squares line over the window.",
          mixed,
          ['plot(ta.linreg(close, 4, 0), "lr0")', 'plot(ta.linreg(close, 4, 1), "lr1")'],
          [("lr0", linreg(mc, 4, 0)), ("lr1", linreg(mc, 4, 1))])
    write("ta_percentrank", "ta.percentrank(close, 4): % of the previous 4 values <= the current.",
          mixed, ['plot(ta.percentrank(close, 4), "pr")'], [("pr", percentrank(mc, 4))])
    write("ta_correlation", "ta.correlation(close, volume, 4) and of close with high, length 3.",
          mixed,
          ['plot(ta.correlation(close, volume, 4), "cv")',
           'plot(ta.correlation(close, high, 3), "ch")'],
          [("cv", correlation(mc, M["volume"], 4)), ("ch", correlation(mc, M["high"], 3))])
    write("ta_median_mode", "ta.median (odd and even lengths) and ta.mode (ties -> smallest).",
          mixed,
          ['plot(ta.median(close, 3), "med3")', 'plot(ta.median(close, 4), "med4")',
           'plot(ta.mode(close, 4), "mode4")'],
          [("med3", median(mc, 3)), ("med4", median(mc, 4)), ("mode4", mode(mc, 4))])
    write("ta_pivot", "ta.pivothigh / ta.pivotlow(close, 2, 1): shown on the bar `rightbars` after "
          "the pivot;\nbars 7-8 (close) and 1-2 (high) tie: an equal older value still allows "
          "a pivot.", mixed,
          ['plot(ta.pivothigh(close, 2, 1), "ph")', 'plot(ta.pivotlow(close, 2, 1), "pl")',
           'plot(ta.pivothigh(2, 2), "phh")'],
          [("ph", pivot(mc, 2, 1, True)), ("pl", pivot(mc, 2, 1, False)),
           ("phh", pivot(M["high"], 2, 2, True))])
    up = [1 if x > o else 0 for x, o in zip(mc, M["open"])]
    write("ta_barssince_valuewhen", "ta.barssince(close > open) and ta.valuewhen(close > open, "
          "close, 0 / 1).", mixed,
          ['u = close > open', 'plot(ta.barssince(u), "bs")',
           'plot(ta.valuewhen(u, close, 0), "vw0")', 'plot(ta.valuewhen(u, close, 1), "vw1")'],
          [("bs", barssince(up)), ("vw0", valuewhen(up, mc, 0)), ("vw1", valuewhen(up, mc, 1))])
    write("ta_rising_falling", "ta.rising / ta.falling: each of the last n steps rose (fell).",
          "basic.csv",
          ['plot(ta.rising(close, 2) ? 1 : 0, "r2")', 'plot(ta.falling(close, 1) ? 1 : 0, "f1")',
           'plot(ta.rising(high, 1) ? 1 : 0, "rh1")'],
          [("r2", rising(c, 2)), ("f1", rising(c, 1, False)), ("rh1", rising(B["high"], 1))])
    write("ta_change_cum", "ta.change with length 2 and over an na bar; ta.cum of close and of an "
          "na bar.", "basic.csv",
          ['x = bar_index == 3 ? na : close', 'plot(ta.change(close, 2), "ch2")',
           'plot(ta.change(x), "chx")', 'plot(ta.cum(close), "cum")', 'plot(ta.cum(x), "cumx")'],
          [("ch2", change(c, 2)), ("chx", change(holed)), ("cum", cum(c)), ("cumx", cum(holed))])
    anchor = [i % 4 == 0 for i in range(len(mc))]
    hlc3 = [(h + l + x) / 3 for h, l, x in zip(M["high"], M["low"], mc)]
    day = [i == 0 or M["time"][i] // 86400 != M["time"][i - 1] // 86400 for i in range(len(mc))]
    write("ta_vwap", "ta.vwap(hlc3, anchor) reset every 4 bars, and bare ta.vwap reset at the UTC "
          "day\nchange on bar 4 (the data's times have no offset).", mixed,
          ['plot(ta.vwap(hlc3, bar_index % 4 == 0), "va")', 'plot(ta.vwap, "vd")'],
          [("va", vwap_anchored(hlc3, M["volume"], anchor)),
           ("vd", vwap_anchored(hlc3, M["volume"], day))])
    write("ta_sma_na_window", "ta.sma over a window holding an na bar: the na is skipped and the "
          "standing sum\nreported (PyneCore's measured law for math.sum); length 1 is the value.",
          "basic.csv",
          ['x = bar_index == 3 ? na : close', 'plot(ta.sma(x, 3), "s3")',
           'plot(ta.sma(close, 1), "s1")', 'plot(math.sum(x, 2), "sum2")'],
          [("s3", sma(holed, 3)), ("s1", sma(c, 1)), ("sum2", rolling_sum(holed, 2))])
    write("ta_ema_rma_na", "ta.ema / ta.rma across an na bar: na out, state untouched.",
          "basic.csv",
          ['x = bar_index == 3 ? na : close', 'plot(ta.ema(x, 2), "e2")',
           'plot(ta.rma(x, 2), "r2")', 'plot(ta.ema(close, 1), "e1")'],
          [("e2", ema(holed, 2)), ("r2", rma(holed, 2)), ("e1", ema(c, 1))])

    write("ta_cog", "ta.cog(close, 3): -sum(close[i] * (i + 1)) / sum(close, 3); length 1 is -1;\n"
          "x has an na on bar 5, which makes the reference's source[i] loop na while the window\n"
          "holds it (bars 5-7).", mixed,
          ['x = bar_index == 5 ? na : close', 'plot(ta.cog(close, 3), "cog3")',
           'plot(ta.cog(close, 1), "cog1")', 'plot(ta.cog(x, 3), "cogx")'],
          [("cog3", cog(mc, 3)), ("cog1", cog(mc, 1)),
           ("cogx", cog([None if i == 5 else v for i, v in enumerate(mc)], 3))])
    write("ta_rci", "ta.rci(close, 4) and (close, 3): Spearman's rank correlation with time x 100;"
          "\nbars 7-8 tie (20.5) and share their rank; first value on bar `length`.", mixed,
          ['plot(ta.rci(close, 4), "rci4")', 'plot(ta.rci(close, 3), "rci3")'],
          [("rci4", rci(mc, 4)), ("rci3", rci(mc, 3))])
    kb, ku, kl, kw = kc(M, mc, 3, 2, True)
    hb, hu, hl, hw = kc(M, mc, 3, 1.5, False)
    write("ta_kc", "ta.kc(close, 3, 2) over ta.tr (na on bar 0, so the bands start a bar after "
          "the basis)\nand useTrueRange=false over high - low; ta.kcw = (upper - lower) / basis.",
          mixed,
          ['[b, u, l] = ta.kc(close, 3, 2)', 'plot(b, "basis")', 'plot(u, "upper")',
           'plot(l, "lower")', '[b2, u2, l2] = ta.kc(close, 3, 1.5, useTrueRange = false)',
           'plot(b2, "basis2")', 'plot(u2, "upper2")', 'plot(l2, "lower2")',
           'plot(ta.kcw(close, 3, 2), "kcw")',
           'plot(ta.kcw(close, 3, 1.5, useTrueRange = false), "kcw2")'],
          [("basis", kb), ("upper", ku), ("lower", kl), ("basis2", hb), ("upper2", hu),
           ("lower2", hl), ("kcw", kw), ("kcw2", hw)])
    holed_m = [None if i == 5 else v for i, v in enumerate(mc)]
    write("ta_percentile", "ta.percentile_nearest_rank / ta.percentile_linear_interpolation: "
          "lengths 4 and 1,\npercentages 0, 30, 50, 100; x has an na on bar 5 (na there, and "
          "an na\ninside the window sorts last).", mixed,
          ['x = bar_index == 5 ? na : close',
           'plot(ta.percentile_nearest_rank(close, 4, 50), "nr50")',
           'plot(ta.percentile_nearest_rank(close, 4, 30), "nr30")',
           'plot(ta.percentile_nearest_rank(close, 4, 0), "nr0")',
           'plot(ta.percentile_nearest_rank(close, 1, 50), "nr1")',
           'plot(ta.percentile_nearest_rank(x, 4, 50), "nrx")',
           'plot(ta.percentile_linear_interpolation(close, 4, 50), "li50")',
           'plot(ta.percentile_linear_interpolation(close, 4, 30), "li30")',
           'plot(ta.percentile_linear_interpolation(close, 4, 100), "li100")',
           'plot(ta.percentile_linear_interpolation(close, 1, 50), "li1")',
           'plot(ta.percentile_linear_interpolation(x, 4, 25), "lix")'],
          [("nr50", percentile_nearest_rank(mc, 4, 50)),
           ("nr30", percentile_nearest_rank(mc, 4, 30)),
           ("nr0", percentile_nearest_rank(mc, 4, 0)),
           ("nr1", percentile_nearest_rank(mc, 1, 50)),
           ("nrx", percentile_nearest_rank(holed_m, 4, 50)),
           ("li50", percentile_linear(mc, 4, 50)), ("li30", percentile_linear(mc, 4, 30)),
           ("li100", percentile_linear(mc, 4, 100)), ("li1", percentile_linear(mc, 1, 50)),
           ("lix", percentile_linear(holed_m, 4, 25))])
    write("ta_max_min", "ta.max / ta.min: extremes of every value so far; an na bar (3) is "
          "skipped.", "basic.csv",
          ['x = bar_index == 3 ? na : close', 'plot(ta.max(close), "max")',
           'plot(ta.min(close), "min")', 'plot(ta.max(x), "maxx")', 'plot(ta.min(x), "minx")'],
          [("max", running_extreme(c, True)), ("min", running_extreme(c, False)),
           ("maxx", running_extreme(holed, True)), ("minx", running_extreme(holed, False))])
    write("ta_pvt", "ta.pvt: cumulated relative close change times volume, na on bar 0.", mixed,
          ['plot(ta.pvt, "pvt")'], [("pvt", pvt(M))])
    write("ta_wma", "ta.wma(close, 3): weights 3, 2, 1 from the newest bar, na on bars 0-1; "
          "length 1 is the\nvalue itself.", mixed,
          ['plot(ta.wma(close, 3), "wma3")', 'plot(ta.wma(close, 1), "wma1")'],
          [("wma3", wma(mc, 3)), ("wma1", wma(mc, 1))])
    write("ta_stdev", "ta.stdev(close, 4): biased by default (divides by 4), unbiased (by 3) "
          "with biased = false;\nna on bars 0-2. Length 2 is 0 on bar 8 (bars 7 and 8 both "
          "close at 20.5); length 1 is 0.", mixed,
          ['plot(ta.stdev(close, 4), "sd4")', 'plot(ta.stdev(close, 4, false), "sd4u")',
           'plot(ta.stdev(close, 2), "sd2")', 'plot(ta.stdev(close, 1), "sd1")'],
          [("sd4", stdev(mc, 4)), ("sd4u", stdev(mc, 4, False)), ("sd2", stdev(mc, 2)),
           ("sd1", stdev(mc, 1))])
    bbb, bbu, bbl = bb(mc, 4, 2)
    write("ta_bb", "ta.bb(close, 4, 2) returns [basis, upper, lower]: the sma and the sma +/- 2 "
          "biased\nstandard deviations; na on bars 0-2.", mixed,
          ['[b, u, l] = ta.bb(close, 4, 2)', 'plot(b, "basis")', 'plot(u, "upper")',
           'plot(l, "lower")'],
          [("basis", bbb), ("upper", bbu), ("lower", bbl)])
    write("ta_atr", "ta.atr(3): rma of the true range, high - low on bar 0, so the first value "
          "is on bar 2,\nthe mean of three ranges; ta.atr(1) is the true range itself.", mixed,
          ['plot(ta.atr(3), "atr3")', 'plot(ta.atr(1), "atr1")'],
          [("atr3", atr(M, 3)), ("atr1", atr(M, 1))])
    ml, ms, mh = macd(mc, 3, 5, 2)
    write("ta_macd", "ta.macd(close, 3, 5, 2) returns [macd, signal, hist]: the macd line "
          "starts on bar 4 (the\nslow ema's first bar), the signal a bar later (an ema of 2 "
          "seeded by the mean of the\nfirst two macd values).", mixed,
          ['[m, s, h] = ta.macd(close, 3, 5, 2)', 'plot(m, "macd")', 'plot(s, "signal")',
           'plot(h, "hist")'],
          [("macd", ml), ("signal", ms), ("hist", mh)])


if __name__ == "__main__":
    main()
