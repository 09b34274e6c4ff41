"""The integration guide's Pine-to-Python translation: a PineIndicators helper on pandas.

Written the way such translations usually are, and kept that way on purpose: `pine test`
(docs/translations.md) shows that sma, crossover and crossunder agree with Pine, while ema
(pandas' ewm(span, adjust=False) starts from the first value; Pine seeds with an SMA) and rsi
(a rolling mean of gains and losses; Pine uses Wilder's smoothing, ta.rma) do not.
"""
import pandas as pd


class PineIndicators:
    @staticmethod
    def sma(source: pd.Series, length: int) -> pd.Series:
        return source.rolling(window=length).mean()

    @staticmethod
    def ema(source: pd.Series, length: int) -> pd.Series:
        return source.ewm(span=length, adjust=False).mean()

    @staticmethod
    def rsi(source: pd.Series, length: int) -> pd.Series:
        delta = source.diff()
        gain = delta.where(delta > 0, 0.0)
        loss = -delta.where(delta < 0, 0.0)
        avg_gain = gain.rolling(window=length).mean()
        avg_loss = loss.rolling(window=length).mean()
        rs = avg_gain / avg_loss
        return 100 - 100 / (1 + rs)

    @staticmethod
    def crossover(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a > b) & (a.shift(1) <= b.shift(1))

    @staticmethod
    def crossunder(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a < b) & (a.shift(1) >= b.shift(1))
