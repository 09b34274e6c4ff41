/* The ta.* library's registration table: one row per signature (overloads are separate rows,
 * int forms first), with the state each call site gets. The functions live in ta_*.c;
 * docs/builtins-ta-notes.md says which TradingView definition each follows. */
#include "builtins/ta_util.h"

#define ROW(sig, fn, type, freefn)                                                                 \
    { sig, fn, sizeof(type), 0, freefn }
#define ROW_VAR(sig, fn, type, freefn)                                                             \
    { sig, fn, sizeof(type), BF_VAR, freefn }
#define SUM ta_sum_state_free
#define SMOOTH ta_smooth_state_free
#define BUF ta_buf_state_free
#define T3 "-> [series float, series float, series float]"

const BuiltinDef ta_builtins[] = {
    /* ---- moving averages (ta_ma.c) ---- */
    ROW("ta.sma(series float source, series int length > 0) -> series float", ta_sma, TaSum, SUM),
    ROW("ta.ema(series float source, series int length > 0) -> series float", ta_ema, TaSmooth,
        SMOOTH),
    ROW("ta.rma(series float source, series int length > 0) -> series float", ta_rma, TaSmooth,
        SMOOTH),
    ROW("ta.wma(series float source, series int length > 0) -> series float", ta_wma, TaWma,
        ta_wma_state_free),
    ROW("ta.vwma(series float source, series int length > 0) -> series float", ta_vwma, TaVwma,
        ta_vwma_free),
    ROW("ta.swma(series float source) -> series float", ta_swma, TaBuf, BUF),
    ROW("ta.hma(series float source, series int length > 1) -> series float", ta_hma, TaHma,
        ta_hma_free),
    ROW("ta.alma(series float series, series int length > 0, simple float offset, simple float "
        "sigma, simple bool floor = false) -> series float",
        ta_alma, TaAlma, ta_alma_free),
    ROW("ta.linreg(series float source, series int length > 0, simple int offset) -> series float",
        ta_linreg, TaLinreg, BUF),

    /* ---- oscillators (ta_osc.c) ---- */
    ROW("ta.rsi(series float source, series int length > 0) -> series float", ta_rsi, TaRsi,
        ta_rsi_free),
    ROW("ta.macd(series float source, simple int fastlen > 0, simple int slowlen > 0, simple int "
        "siglen > 0) " T3,
        ta_macd, TaMacd, ta_macd_free),
    ROW("ta.stoch(series float source, series float high, series float low, series int length > 0) "
        "-> series float",
        ta_stoch, TaStoch, ta_stoch_free),
    ROW("ta.cci(series float source, series int length > 0) -> series float", ta_cci, TaCci,
        ta_cci_free),
    ROW("ta.cmo(series float series, series int length > 0) -> series float", ta_cmo, TaCmo,
        ta_cmo_free),
    ROW("ta.mfi(series float series, series int length > 0) -> series float", ta_mfi, TaCmo,
        ta_cmo_free),
    ROW("ta.mom(series float source, series int length > 0) -> series float", ta_mom, TaBuf, BUF),
    ROW("ta.roc(series float source, series int length > 0) -> series float", ta_roc, TaBuf, BUF),
    ROW("ta.tsi(series float source, simple int short_length > 0, simple int long_length > 0) -> "
        "series "
        "float",
        ta_tsi, TaTsi, ta_tsi_free),
    ROW("ta.wpr(series int length > 0) -> series float", ta_wpr, TaStoch, ta_stoch_free),
    ROW("ta.cog(series float source, series int length > 0) -> series float", ta_cog, TaCci,
        ta_cci_free),
    ROW("ta.rci(series float source, series int length > 0) -> series float", ta_rci, TaRci,
        ta_rci_free),

    /* ---- ranges and bands (ta_range.c) ---- */
    ROW_VAR("ta.tr -> series float", ta_tr_var, TaTr, NULL),
    ROW("ta.tr(simple bool handle_na = false) -> series float", ta_tr, TaTr, NULL),
    ROW("ta.atr(simple int length > 0) -> series float", ta_atr, TaAtr, ta_atr_free),
    ROW("ta.bb(series float series, series int length > 0, simple float mult) " T3, ta_bb, TaVar,
        ta_var_free),
    ROW("ta.bbw(series float series, series int length > 0, simple float mult) -> series float",
        ta_bbw, TaVar, ta_var_free),
    ROW("ta.kc(series float series, simple int length > 0, simple float mult, simple bool "
        "useTrueRange = true) " T3,
        ta_kc, TaKc, ta_kc_free),
    ROW("ta.kcw(series float series, simple int length > 0, simple float mult, simple bool "
        "useTrueRange = true) -> series float",
        ta_kcw, TaKc, ta_kc_free),
    ROW("ta.dmi(simple int diLength > 0, simple int adxSmoothing > 0) " T3, ta_dmi, TaDmi,
        ta_dmi_free),
    ROW("ta.supertrend(simple float factor, simple int atrPeriod > 0) -> [series float, series "
        "float]",
        ta_supertrend, TaSupertrend, ta_supertrend_free),
    ROW("ta.sar(simple float start, simple float inc, simple float max) -> series float", ta_sar,
        TaSar, NULL),

    /* ---- window statistics (ta_stats.c) ---- */
    ROW("ta.stdev(series float source, series int length > 0, simple bool biased = true) -> series "
        "float",
        ta_stdev, TaVar, ta_var_free),
    ROW("ta.variance(series float source, series int length > 0, simple bool biased = true) -> "
        "series float",
        ta_variance, TaVar, ta_var_free),
    ROW("ta.dev(series float source, series int length > 0) -> series float", ta_dev, TaCci,
        ta_cci_free),
    ROW("ta.correlation(series float source1, series float source2, series int length > 0) -> "
        "series float",
        ta_correlation, TaCorr, ta_corr_free),
    ROW("ta.median(series int source, series int length > 0) -> series int", ta_median_int, TaPct,
        ta_pct_free),
    ROW("ta.median(series float source, series int length > 0) -> series float", ta_median, TaPct,
        ta_pct_free),
    ROW("ta.mode(series int source, series int length > 0) -> series int", ta_mode_int, TaPct,
        ta_pct_free),
    ROW("ta.mode(series float source, series int length > 0) -> series float", ta_mode, TaPct,
        ta_pct_free),
    ROW("ta.percentrank(series float source, series int length > 0) -> series float",
        ta_percentrank, TaPct, ta_pct_free),
    ROW("ta.percentile_linear_interpolation(series float source, series int length > 0, simple "
        "float percentage in [0, 100]) -> series float",
        ta_percentile_linear, TaPct, ta_pct_free),
    ROW("ta.percentile_nearest_rank(series float source, series int length > 0, simple float "
        "percentage in [0, 100]) -> series float",
        ta_percentile_nearest, TaPct, ta_pct_free),
    ROW("ta.highest(series int length > 0) -> series float", ta_highest1, TaExtreme, BUF),
    ROW("ta.highest(series float source, series int length > 0) -> series float", ta_highest,
        TaExtreme, BUF),
    ROW("ta.lowest(series int length > 0) -> series float", ta_lowest1, TaExtreme, BUF),
    ROW("ta.lowest(series float source, series int length > 0) -> series float", ta_lowest,
        TaExtreme, BUF),
    ROW("ta.highestbars(series int length > 0) -> series int", ta_highestbars1, TaExtreme, BUF),
    ROW("ta.highestbars(series float source, series int length > 0) -> series int", ta_highestbars,
        TaExtreme, BUF),
    ROW("ta.lowestbars(series int length > 0) -> series int", ta_lowestbars1, TaExtreme, BUF),
    ROW("ta.lowestbars(series float source, series int length > 0) -> series int", ta_lowestbars,
        TaExtreme, BUF),
    ROW("ta.range(series float source, series int length > 0) -> series float", ta_range, TaStoch,
        ta_stoch_free),
    ROW("ta.max(series float source) -> series float", ta_max, TaRun, NULL),
    ROW("ta.min(series float source) -> series float", ta_min, TaRun, NULL),
    ROW("ta.cum(series float source) -> series float", ta_cum, TaRun, NULL),
    ROW("ta.change(series int source, series int length > 0 = 1) -> series int", ta_change_int,
        TaBuf, BUF),
    ROW("ta.change(series float source, series int length > 0 = 1) -> series float",
        ta_change_float, TaBuf, BUF),
    ROW("ta.change(series bool source, series int length > 0 = 1) -> series bool", ta_change_bool,
        TaBuf, BUF),

    /* ---- signals (ta_signal.c) ---- */
    ROW("ta.crossover(series float source1, series float source2) -> series bool", ta_crossover,
        TaCross, NULL),
    ROW("ta.crossunder(series float source1, series float source2) -> series bool", ta_crossunder,
        TaCross, NULL),
    ROW("ta.cross(series float source1, series float source2) -> series bool", ta_cross, TaCross,
        NULL),
    ROW("ta.rising(series float source, series int length > 0) -> series bool", ta_rising, TaTrend,
        NULL),
    ROW("ta.falling(series float source, series int length > 0) -> series bool", ta_falling,
        TaTrend, NULL),
    ROW("ta.barssince(series bool condition) -> series int", ta_barssince, TaBarssince, NULL),
    ROW("ta.valuewhen(series bool condition, series int source, series int occurrence >= 0) -> "
        "series int",
        ta_valuewhen, TaValuewhen, ta_valuewhen_free),
    ROW("ta.valuewhen(series bool condition, series float source, series int occurrence >= 0) -> "
        "series float",
        ta_valuewhen_float, TaValuewhen, ta_valuewhen_free),
    ROW("ta.valuewhen(series bool condition, series bool source, series int occurrence >= 0) -> "
        "series bool",
        ta_valuewhen, TaValuewhen, ta_valuewhen_free),
    ROW("ta.valuewhen(series bool condition, series color source, series int occurrence >= 0) -> "
        "series color",
        ta_valuewhen, TaValuewhen, ta_valuewhen_free),
    ROW("ta.pivothigh(series int leftbars > 0, series int rightbars > 0) -> series float",
        ta_pivothigh1, TaBuf, BUF),
    ROW("ta.pivothigh(series float source, series int leftbars > 0, series int rightbars > 0) -> "
        "series "
        "float",
        ta_pivothigh, TaBuf, BUF),
    ROW("ta.pivotlow(series int leftbars > 0, series int rightbars > 0) -> series float",
        ta_pivotlow1, TaBuf, BUF),
    ROW("ta.pivotlow(series float source, series int leftbars > 0, series int rightbars > 0) -> "
        "series "
        "float",
        ta_pivotlow, TaBuf, BUF),

    /* ---- volume (ta_volume.c) ---- */
    ROW_VAR("ta.vwap -> series float", ta_vwap_var, TaVwap, NULL),
    ROW("ta.vwap(series float source) -> series float", ta_vwap1, TaVwap, NULL),
    ROW("ta.vwap(series float source, series bool anchor) -> series float", ta_vwap2, TaVwap, NULL),
    ROW("ta.vwap(series float source, series bool anchor, simple float stdev_mult) " T3, ta_vwap3,
        TaVwap, NULL),
    ROW_VAR("ta.obv -> series float", ta_obv, TaRunPrev, NULL),
    ROW_VAR("ta.accdist -> series float", ta_accdist, TaRunPrev, NULL),
    ROW_VAR("ta.pvt -> series float", ta_pvt, TaRunPrev, NULL),
    ROW_VAR("ta.wad -> series float", ta_wad, TaRunPrev, NULL),
    ROW_VAR("ta.pvi -> series float", ta_pvi, TaVi, NULL),
    ROW_VAR("ta.nvi -> series float", ta_nvi, TaVi, NULL),
    {"ta.iii -> series float", ta_iii, 0, BF_VAR, NULL},
    {"ta.wvad -> series float", ta_wvad, 0, BF_VAR, NULL},
    {0},
};
