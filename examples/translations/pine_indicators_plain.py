"""The same translation as pine_indicators.py in plain Python (lists, None for NaN), for machines
without pandas. Each function follows its pandas counterpart step for step:

- sma: rolling(window).mean(): None until `length` values, then their mean.
- ema: ewm(span, adjust=False).mean(): alpha = 2 / (span + 1), y0 = x0, y = y1 + alpha (x - y1).
- rsi: diff, gains and losses (0 where the change has the other sign; the first change is NaN,
  so the first window is complete at index `length`), rolling means, 100 - 100 / (1 + rs).
- crossover/crossunder: a > b and a[1] <= b[1] (comparisons with NaN are False).
"""


def sma(source, length):
    out = []
    for i in range(len(source)):
        window = source[i - length + 1:i + 1] if i + 1 >= length else None
        out.append(sum(window) / length if window and None not in window else None)
    return out


def ema(source, length):
    alpha = 2.0 / (length + 1)
    out, y = [], None
    for x in source:
        y = x if y is None else y + alpha * (x - y)
        out.append(y)
    return out


def rsi(source, length):
    gains, losses = [None], [None]
    for i in range(1, len(source)):
        d = source[i] - source[i - 1]
        gains.append(d if d > 0 else 0.0)
        losses.append(-d if d < 0 else 0.0)
    avg_gain, avg_loss = sma(gains, length), sma(losses, length)
    out = []
    for g, l in zip(avg_gain, avg_loss):
        if g is None or l is None:
            out.append(None)
        elif l == 0:
            out.append(100.0 if g > 0 else None)  # pandas: g/0 = inf -> 100; 0/0 = NaN
        else:
            out.append(100 - 100 / (1 + g / l))
    return out


def _gt(a, b):
    return a is not None and b is not None and a > b


def crossover(a, b):
    return [_gt(a[i], b[i]) and i > 0 and a[i - 1] is not None and b[i - 1] is not None
            and a[i - 1] <= b[i - 1] for i in range(len(a))]


def crossunder(a, b):
    return [_gt(b[i], a[i]) and i > 0 and a[i - 1] is not None and b[i - 1] is not None
            and a[i - 1] >= b[i - 1] for i in range(len(a))]
