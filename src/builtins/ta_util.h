/* Shared machinery of the ta.* library: per-call-site history rings, TradingView's rolling
 * compensated sum, the seeded ema/rma machines, argument helpers, and the entry points that
 * ta.c registers (defined across ta_ma.c, ta_osc.c, ta_range.c, ta_stats.c, ta_signal.c,
 * ta_volume.c). */
#ifndef PINE_TA_UTIL_H
#define PINE_TA_UTIL_H

#include <math.h>
#include <stdint.h>
#include "data/bars.h"
#include "builtins/builtins.h"

/* ==================================================================
 * Arguments and bars
 * ================================================================== */

#define TA_NAN ((double)NAN)

static inline double ta_argf(const PCall *c, int i) {
    return c->args[i].f;
}
static inline int64_t ta_argi(const PCall *c, int i) {
    return c->args[i].i;
}

/* Returns int argument [i], raising TradingView's error when it is na or below [min] ([fn] is
 * the function's name as the message shows it, [param] the parameter's). */
int64_t ta_int_at_least(PCall *c, int i, const char *fn, const char *param, int64_t min);
/* The same for a window length, which must be > 0. */
int64_t ta_length(PCall *c, int i, const char *fn, const char *param);

static inline int64_t ta_bar(const PCall *c) {
    return vm_bar_index(c->vm);
}
static inline const Bars *ta_bars(const PCall *c) {
    return vm_bars(c->vm);
}
/* The current bar's element in the bars window (bar i is element i - base). */
static inline int64_t ta_at(const PCall *c) {
    return ta_bar(c) - ta_bars(c)->base;
}
static inline double ta_open(const PCall *c) {
    return ta_bars(c)->open[ta_at(c)];
}
static inline double ta_high(const PCall *c) {
    return ta_bars(c)->high[ta_at(c)];
}
static inline double ta_low(const PCall *c) {
    return ta_bars(c)->low[ta_at(c)];
}
static inline double ta_close(const PCall *c) {
    return ta_bars(c)->close[ta_at(c)];
}
static inline double ta_volume(const PCall *c) {
    return ta_bars(c)->volume[ta_at(c)];
}

/* Adds [x] to the running [*total] and returns the total; an na [x] adds nothing and gives na
 * (cum, obv, pvt, wad). */
static inline double ta_total_add(double *total, double x) {
    if (isnan(x)) return TA_NAN;
    *total += x;
    return *total;
}

static inline void ta_out3(PCall *c, double a, double b, double d) {
    c->out[0].f = a;
    c->out[1].f = b;
    c->out[2].f = d;
}

/* Pine compares floats with an absolute tolerance in the few built-ins that were measured to
 * do so (rising, falling, cmo, mfi, dmi, rank ties). */
#define TA_EPS 1e-10

/* ==================================================================
 * History ring: the last values a call site saw, newest at offset 0
 * ================================================================== */

typedef struct TaBuf {
    double *v;
    int64_t n;     /* values pushed so far */
    uint32_t mask; /* capacity - 1; capacity is a power of two, 0 before the first reserve */
} TaBuf;

/* Makes room for [need] values of history (keeps what is there). */
void ta_buf_grow(PCall *c, TaBuf *b, int64_t need);
void ta_buf_free(TaBuf *b);

static inline void ta_buf_reserve(PCall *c, TaBuf *b, int64_t need) {
    if (b->v == NULL || (int64_t)b->mask + 1 < need) ta_buf_grow(c, b, need);
}
/* Pushes [x], keeping at least [keep] values. The ring grows with the values pushed, not with
 * [keep], so a huge length on a short history costs no memory. */
static inline void ta_buf_push(PCall *c, TaBuf *b, double x, int64_t keep) {
    ta_buf_reserve(c, b, keep < b->n + 1 ? keep : b->n + 1);
    b->v[b->n & b->mask] = x;
    b->n++;
}
/* The value pushed [k] pushes ago (0 = the newest), or NaN when it is not kept. */
static inline double ta_buf_get(const TaBuf *b, int64_t k) {
    if (k < 0 || k >= b->n || k > (int64_t)b->mask) return TA_NAN;
    return b->v[(b->n - 1 - k) & b->mask];
}
/* The same with no check: the caller knows k < n and k < capacity. */
static inline double ta_buf_at(const TaBuf *b, int64_t k) {
    return b->v[(b->n - 1 - k) & b->mask];
}
/* Pushes [x] and returns the value pushed [length] pushes before it, or NaN while there is
 * none: source[length] over the call's own history (mom, roc, change). */
static inline double ta_lag(PCall *c, TaBuf *b, double x, int64_t length) {
    ta_buf_push(c, b, x, length + 1);
    return ta_buf_get(b, length);
}

/* ==================================================================
 * Rolling sum (math.sum, ta.sma and everything built on them)
 * ================================================================== */

/* TradingView's rolling sum over the last [length] non-na values: a compensated accumulator
 * that evicts the realized entry stored [length] values ago and adds the new value in one
 * fused step, re-summing the window plainly when the compensation would be lost (PyneCore's
 * measured model, docs/builtins-ta-notes.md). O(1) per value except on re-sum bars. */
typedef struct TaSum {
    TaBuf raw; /* the source values (na skipped) */
    TaBuf ent; /* the entry each value was added with, evicted with it later */
    double s, comp;
    int64_t len; /* the length of the previous call; 0 before the first */
} TaSum;

/* Adds [x] (na leaves the window as it is) and returns the sum of the window, or na while
 * fewer than [length] values were seen. */
double ta_sum_step(PCall *c, TaSum *st, double x, int64_t length);
void ta_sum_free(TaSum *st);

/* ==================================================================
 * Seeded smoothing: ema and rma start from the sma of their first `length` values
 * ================================================================== */

typedef struct TaSmooth {
    TaSum seed;  /* runs until the first value, freed then */
    double last; /* meaningful once seeded */
    int seeded;
} TaSmooth;

double ta_ema_step(PCall *c, TaSmooth *st, double x, int64_t length);
double ta_rma_step(PCall *c, TaSmooth *st, double x, int64_t length);
void ta_smooth_free(TaSmooth *st);

/* ==================================================================
 * Highest / lowest over a window of the last `length` calls
 * ================================================================== */

typedef struct TaExtreme {
    TaBuf hist; /* every value seen, na included */
} TaExtreme;

/* Pushes [x]; sets *value and *offset (bars back) of the highest ([want_max]) or lowest value
 * of the last [length] values, na values skipped, ties going to the oldest. Returns 0 while
 * fewer than [length] values were seen (or all were na). */
int ta_extreme_step(PCall *c, TaExtreme *st, double x, int64_t length, int want_max, double *value,
                    int64_t *offset);

/* ==================================================================
 * Weighted moving average (oldest-first re-sum each bar, as TradingView does)
 * ================================================================== */

typedef struct TaWma {
    TaBuf ff; /* forward-filled source (na bars repeat the last value) */
    double last;
    int64_t count; /* non-na values seen */
} TaWma;

double ta_wma_step(PCall *c, TaWma *st, double x, int64_t length);
void ta_wma_free(TaWma *st);

/* ==================================================================
 * True range with its own previous close
 * ================================================================== */

typedef struct TaTr {
    double prev_close;
    int seen;
} TaTr;

double ta_tr_step(PCall *c, TaTr *st, int handle_na);

/* ==================================================================
 * State blocks (ta.c sizes them; zeroed bytes are a valid fresh state)
 * ================================================================== */
typedef struct TaHma {
    TaWma half, full, outer;
} TaHma;
typedef struct TaVwma {
    TaSum pv, v;
} TaVwma;
typedef struct TaAlma {
    TaBuf hist;
    double *w; /* weights for the length, offset, sigma and floor below */
    double norm, offset, sigma;
    int64_t n, floor;
} TaAlma;
typedef struct TaLinreg {
    TaBuf hist;
    double last;
} TaLinreg;
typedef struct TaRsi {
    TaSmooth up, down;
    double prev;
    int has_prev;
} TaRsi;
typedef struct TaMacd {
    TaSmooth fast, slow, signal;
} TaMacd;
typedef struct TaTsi {
    TaSmooth m1, a1, m2, a2;
    double prev;
    int has_prev;
} TaTsi;
typedef struct TaStoch {
    TaExtreme hi, lo;
} TaStoch; /* also wpr and range */
typedef struct TaCci {
    TaSum sum;
    TaBuf hist;
} TaCci;
/* The sma of the last [n] values of [x] in *mean, and their mean absolute deviation from it
 * (summed newest first), or NaN while fewer than n values exist. */
double ta_mean_dev(PCall *c, TaCci *st, double x, int64_t n, double *mean); /* also dev and cog */
typedef struct TaCmo {
    TaSum up, down;
    double prev;
    int has_prev;
} TaCmo; /* also mfi */
typedef struct TaRci {
    TaBuf hist;
    double *work;
    int64_t cap;
} TaRci;
typedef struct TaAtr {
    TaTr tr;
    TaSmooth rma;
} TaAtr;
typedef struct TaVar {
    TaSum p, q;
} TaVar; /* also bb and bbw */
typedef struct TaKc {
    TaTr tr;
    TaSmooth basis, range;
} TaKc;
typedef struct TaDmi {
    TaTr tr;
    TaSmooth tr_rma, plus, minus, adx;
    double prev_high, prev_low;
    int seen;
} TaDmi;
typedef struct TaSupertrend {
    TaTr tr;
    TaSmooth atr;
    double lower, upper, close, trend, atr_prev; /* the previous bar's */
    int seen;
} TaSupertrend;
typedef struct TaSar {
    int64_t count;
    double result, maxmin, acc, h1, h2, l1, l2, c1; /* h1 = previous high, h2 the one before */
    int below;
} TaSar;
typedef struct TaCorr {
    TaSum s[5];
} TaCorr;
typedef struct TaPct {
    TaBuf hist;
    double *work;
    int64_t cap;
} TaPct;
typedef struct TaRun {
    double v;
    int seen;
} TaRun;
typedef struct TaCross {
    int le, ge;
} TaCross;
typedef struct TaTrend {
    double last;
    int64_t count;
    int seen;
} TaTrend;
typedef struct TaBarssince {
    int64_t count;
    int seen;
} TaBarssince;
typedef struct TaValuewhen {
    PValue *v;
    int64_t n, cap;
} TaValuewhen;
typedef struct TaVwap {
    double sv, spv, sppv;
    int anchored;
} TaVwap;
typedef struct TaRunPrev {
    double prev, total;
    int seen;
} TaRunPrev;
typedef struct TaVi {
    double prev_close, prev_volume, index;
    int seen;
} TaVi;

/* ==================================================================
 * Entry points and state releasers (registered in ta.c)
 * ================================================================== */

/* A releaser belongs to a state block, not to a function: the functions that share a block
 * (stoch, wpr and range; cci, cog and dev; cmo and mfi; variance, stdev, bb and bbw) share it. */

/* ta_ma.c */
void ta_sma(PCall *c);
void ta_ema(PCall *c);
void ta_rma(PCall *c);
void ta_sum_state_free(void *state);
void ta_smooth_state_free(void *state);
void ta_buf_state_free(void *state);
void ta_wma(PCall *c);
void ta_wma_state_free(void *state);
void ta_hma(PCall *c);
void ta_hma_free(void *state);
void ta_vwma(PCall *c);
void ta_vwma_free(void *state);
void ta_swma(PCall *c);
void ta_alma(PCall *c);
void ta_alma_free(void *state);
void ta_linreg(PCall *c);
/* ta_osc.c */
void ta_rsi(PCall *c);
void ta_rsi_free(void *state);
void ta_macd(PCall *c);
void ta_macd_free(void *state);
void ta_tsi(PCall *c);
void ta_tsi_free(void *state);
void ta_stoch(PCall *c);
void ta_stoch_free(void *state);
void ta_wpr(PCall *c);
void ta_cci(PCall *c);
void ta_cci_free(void *state);
void ta_cmo(PCall *c);
void ta_cmo_free(void *state);
void ta_mfi(PCall *c);
void ta_mom(PCall *c);
void ta_roc(PCall *c);
void ta_cog(PCall *c);
void ta_rci(PCall *c);
void ta_rci_free(void *state);
/* ta_range.c */
void ta_tr_var(PCall *c);
void ta_tr(PCall *c);
void ta_atr(PCall *c);
void ta_atr_free(void *state);
void ta_bb(PCall *c);
void ta_bbw(PCall *c);
void ta_kc(PCall *c);
void ta_kcw(PCall *c);
void ta_kc_free(void *state);
void ta_dmi(PCall *c);
void ta_dmi_free(void *state);
void ta_supertrend(PCall *c);
void ta_supertrend_free(void *state);
void ta_sar(PCall *c);
/* ta_stats.c */
void ta_variance(PCall *c);
void ta_stdev(PCall *c);
void ta_var_free(void *state);
void ta_dev(PCall *c);
void ta_correlation(PCall *c);
void ta_corr_free(void *state);
void ta_median(PCall *c);
void ta_median_int(PCall *c);
void ta_mode(PCall *c);
void ta_mode_int(PCall *c);
void ta_percentrank(PCall *c);
void ta_percentile_linear(PCall *c);
void ta_percentile_nearest(PCall *c);
void ta_pct_free(void *state);
void ta_highest(PCall *c);
void ta_highest1(PCall *c);
void ta_lowest(PCall *c);
void ta_lowest1(PCall *c);
void ta_highestbars(PCall *c);
void ta_highestbars1(PCall *c);
void ta_lowestbars(PCall *c);
void ta_lowestbars1(PCall *c);
void ta_range(PCall *c);
void ta_max(PCall *c);
void ta_min(PCall *c);
void ta_cum(PCall *c);
void ta_change_float(PCall *c);
void ta_change_int(PCall *c);
void ta_change_bool(PCall *c);
/* ta_signal.c */
void ta_crossover(PCall *c);
void ta_crossunder(PCall *c);
void ta_cross(PCall *c);
void ta_rising(PCall *c);
void ta_falling(PCall *c);
void ta_barssince(PCall *c);
void ta_valuewhen(PCall *c);
void ta_valuewhen_float(PCall *c);
void ta_valuewhen_free(void *state);
void ta_pivothigh(PCall *c);
void ta_pivothigh1(PCall *c);
void ta_pivotlow(PCall *c);
void ta_pivotlow1(PCall *c);
/* ta_volume.c */
void ta_vwap_var(PCall *c);
void ta_vwap1(PCall *c);
void ta_vwap2(PCall *c);
void ta_vwap3(PCall *c);
void ta_obv(PCall *c);
void ta_accdist(PCall *c);
void ta_pvt(PCall *c);
void ta_wad(PCall *c);
void ta_pvi(PCall *c);
void ta_nvi(PCall *c);
void ta_iii(PCall *c);
void ta_wvad(PCall *c);

#endif
